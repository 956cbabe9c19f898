package main

import (
	"runtime/debug"
	"strings"
)

// version and revision name a release build; a build that leaves them
// empty takes them from the build information. Set them with
//
//	go build -ldflags "-X main.version=v1.4.0 -X main.revision=$(git rev-parse HEAD)" ./cmd/cadence
var (
	version  = ""
	revision = ""
)

// revisionLen is how much of a revision --version shows: git's short form.
const revisionLen = 12

// versionText is what `cadence --version` prints after "cadence version ":
// the version, then the VCS revision in brackets, with "dirty" when the
// build had uncommitted changes. -ldflags values win over the build
// information. A build from a working tree ("(devel)", or the v0.0.0
// pseudo-version Go gives an untagged commit) reads "(devel)":
//
//	v1.4.0 (3f2a9c1e0b7d)
//	(devel) (3f2a9c1e0b7d, dirty)
//	(devel)
func versionText(ldVersion, ldRevision string, info *debug.BuildInfo) string {
	v, rev, dirty := ldVersion, ldRevision, false
	if info != nil {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if rev == "" {
					rev = s.Value
				}
			case "vcs.modified":
				dirty = s.Value == "true" && ldRevision == ""
			}
		}
	}
	if strings.HasSuffix(v, "+dirty") {
		v, dirty = strings.TrimSuffix(v, "+dirty"), dirty || ldRevision == ""
	}
	if v == "" || v == "(devel)" || strings.HasPrefix(v, "v0.0.0-") {
		v = "(devel)"
	}
	if len(rev) > revisionLen {
		rev = rev[:revisionLen]
	}
	switch {
	case rev != "" && dirty:
		return v + " (" + rev + ", dirty)"
	case rev != "":
		return v + " (" + rev + ")"
	case dirty:
		return v + " (dirty)"
	}
	return v
}

// buildVersion is versionText for this binary.
func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return versionText(version, revision, info)
}
