import Testing
import YAMLReader

/// The YAML 1.1 conventions the parsers relied on under Yams, pinned for the libyaml reader.
@Suite struct YAMLTypingTests {
    private func scalar(_ text: String) throws -> YAMLScalar {
        let root = try YAMLComposer.compose(Array("v: \(text)\n".utf8))
        return try #require(root?["v"]?.scalar)
    }

    @Test(arguments: [
        ("yes", YAMLScalarType.bool), ("No", .bool), ("off", .bool), ("TRUE", .bool), ("y", .string),
        ("~", .null), ("null", .null), ("", .null), ("'~'", .string),
        ("42", .int), ("-7", .int), ("0x10", .int), ("0o17", .int), ("010", .int), ("0b101", .int), ("1_000", .int),
        ("1:30", .int),
        ("1e3", .float), ("1.5", .float), ("-.inf", .float), (".nan", .float), ("1.", .float), (".5", .float),
        ("1e-320", .float), ("\"1.5\"", .string), ("!!str 42", .string),
        ("2026-11-20", .timestamp), ("2026-11-20T10:15:00+09:00", .timestamp), ("2026-11-20 10:15:00.5 Z", .timestamp),
        ("2026-11-20T10:15", .string), ("<<", .merge), ("=", .value), ("4,096", .string), ("15s", .string),
    ])
    func resolvesLikeYams(text: String, type: YAMLScalarType) throws {
        #expect(try scalar(text).type == type)
    }

    @Test(arguments: [("42", 42), ("0x48", 72), ("0o17", 15), ("010", 8), ("0b101", 5), ("-1_000", -1000), ("1:30", 90),
                      ("+5", 5), ("0", 0)])
    func wholeNumbers(text: String, value: Int) throws {
        #expect(try scalar(text).int == value)
    }

    @Test func wholeNumbersYamsRefused() throws {
        #expect(try scalar("08").int == nil)
        #expect(try scalar("1.5").int == nil)
        #expect(try scalar("99999999999999999999").int == nil)
        #expect(try scalar("\"42\"").int == nil)
    }

    @Test(arguments: [("1e3", 1000.0), ("4.096", 4.096), ("-0.5", -0.5), ("1_000.5", 1000.5), ("1:30.5", 90.5), ("42", 42)])
    func numbers(text: String, value: Double) throws {
        #expect(try scalar(text).double == value)
    }

    @Test func infinitiesAndNaN() throws {
        #expect(try scalar(".inf").double == .infinity)
        #expect(try scalar("-.Inf").double == -.infinity)
        #expect(try scalar(".NaN").double?.isNaN == true)
    }

    @Test func marksAreOneBasedAndMappingsKeepTheirOrder() throws {
        let root = try #require(try YAMLComposer.compose(Array("a: 1\nb:\n  c: [x, y]\n  d: z\n".utf8)))
        #expect(root.mark == YAMLMark(line: 1, column: 1))
        #expect(root.pairs?.map { $0.key.scalar?.text } == ["a", "b"])
        let b = try #require(root["b"])
        #expect(b.mark == YAMLMark(line: 3, column: 3))
        #expect(b["c"]?.mark == YAMLMark(line: 3, column: 6))
        #expect(b["c"]?.items?[1].mark == YAMLMark(line: 3, column: 10))
    }

    @Test func aliasesStandForTheirAnchorAndMergeKeysStayKeys() throws {
        let root = try #require(try YAMLComposer.compose(Array("base: &b { x: 1 }\nother:\n  <<: *b\n".utf8)))
        let other = try #require(root["other"])
        #expect(other.pairs?.first?.key.scalar?.type == .merge)
        #expect(other["<<"]?["x"]?.scalar?.text == "1")
    }

    @Test func duplicateKeysAreFoundAtTheFirstOfThem() {
        #expect(throws: YAMLReadError.self) { try YAMLComposer.compose(Array("a: 1\nb: 2\na: 3\n".utf8)) }
        do {
            _ = try YAMLComposer.compose(Array("a: 1\nb: 2\na: 3\n".utf8))
        } catch {
            guard case let .duplicateKeys(keys, mark) = error else {
                Issue.record("expected duplicateKeys, got \(error)")
                return
            }
            #expect(keys == ["a"])
            #expect(mark == YAMLMark(line: 1, column: 1))
        }
    }

    @Test func emptyAndCommentOnlyTextsHaveNoDocument() throws {
        #expect(try YAMLComposer.compose([]) == nil)
        #expect(try YAMLComposer.compose(Array("# only a comment\n".utf8)) == nil)
    }

    @Test func secondDocumentIsRefused() {
        #expect(throws: YAMLReadError.self) { try YAMLComposer.compose(Array("a: 1\n---\nb: 2\n".utf8)) }
    }
}
