// SiteConfig
