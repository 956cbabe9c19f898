package main

import (
	"runtime/debug"
	"testing"
)

// TestVersionText checks what --version says for each kind of build.
func TestVersionText(t *testing.T) {
	const rev = "3cbb6446a5a5f00dfeed1234567890abcdef0123"
	info := func(version string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "partnercadence", Version: version}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	tests := []struct {
		name         string
		ldVer, ldRev string
		info         *debug.BuildInfo
		want         string
	}{
		{"no build information", "", "", nil, "(devel)"},
		{"a build without VCS stamping", "", "", info("(devel)"), "(devel)"},
		{"a clean clone", "", "", info("v0.0.0-20261203133212-3cbb6446a5a5", "vcs.revision", rev, "vcs.modified", "false"), "(devel) (3cbb6446a5a5)"},
		{"a clone with changes", "", "", info("v0.0.0-20261203133212-3cbb6446a5a5+dirty", "vcs.revision", rev, "vcs.modified", "true"), "(devel) (3cbb6446a5a5, dirty)"},
		{"a tagged commit", "", "", info("v1.4.0", "vcs.revision", rev, "vcs.modified", "false"), "v1.4.0 (3cbb6446a5a5)"},
		{"go install of a module version", "", "", info("v1.4.0"), "v1.4.0"},
		{"-ldflags version and revision", "v1.5.0", "abcdef0123456789", info("(devel)", "vcs.revision", rev, "vcs.modified", "true"), "v1.5.0 (abcdef012345)"},
		{"-ldflags version only", "v1.5.0", "", info("(devel)", "vcs.revision", rev, "vcs.modified", "false"), "v1.5.0 (3cbb6446a5a5)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionText(tt.ldVer, tt.ldRev, tt.info); got != tt.want {
				t.Errorf("versionText = %q, want %q", got, tt.want)
			}
		})
	}
}
