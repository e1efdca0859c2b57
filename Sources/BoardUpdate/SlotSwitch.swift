import CSystem

/// Points `current` at a slot with one rename(2): the new link is made under a temporary name and synced,
/// then renamed over `current`, then the folder is synced. Before the rename `current` is the old slot; after
/// it, the new one; never anything in between.
public enum SlotSwitch {
    public static func point(_ root: InstallRoot, to version: String) throws(UpdateError) {
        guard FileOperations.exists(root.slot(version) + "/sensor-gateway") else {
            throw UpdateError(.failed, "cannot switch to \(version)", at: root.slot(version),
                              cause: "the slot holds no sensor-gateway", action: "Install the bundle of \(version) again.")
        }
        unlink(root.nextLink)
        guard symlink("slots/" + version, root.nextLink) == 0 else {
            throw UpdateError.system("creating the link to \(version)", at: root.nextLink)
        }
        FileOperations.syncDirectory(root.programDirectory)
        KillPoint.linkWritten.reach()
        guard rename(root.nextLink, root.currentLink) == 0 else {
            throw UpdateError.system("switching current to \(version)", at: root.currentLink)
        }
        FileOperations.syncDirectory(root.programDirectory)
        KillPoint.switched.reach()
    }

    /// Asks the supervisor to restart the gateway from `current` (it polls for this file).
    public static func requestRestart(_ root: InstallRoot) {
        try? FileOperations.writeAtomically(root.restartRequest, text: "\(FileOperations.nowMilliseconds())\n")
    }
}
