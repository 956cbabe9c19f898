package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
)

// serveOptions are the options of `cadence serve`.
type serveOptions struct {
	listen      string
	hostKey     string
	idleTimeout time.Duration
	maxSessions int
}

// The server's defaults and fixed times.
const (
	defaultListen      = "127.0.0.1:23234"
	defaultIdleTimeout = time.Hour
	defaultMaxSessions = 50
	// idleWarning is how long before an idle session ends it is warned.
	idleWarning = time.Minute
	// shutdownWait is how long a shutdown waits for the sessions to save
	// what they have and end, before it closes what is left.
	shutdownWait = 4 * time.Second
	// handshakeTimeout bounds a connection that never logs in.
	handshakeTimeout = 30 * time.Second
)

func newServeCmd(g *globals) *cobra.Command {
	o := serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--host-key FILE]",
		Short: "Serve the app over SSH to the team (keys from the config)",
		Long: `Serve the app over SSH: one process holds the database, and each team member
who lists ssh_keys in the config logs in with that key and gets the app as
themselves. A change made in one session shows in every other within half a
second. Unknown keys, passwords and keyboard-interactive logins are refused.

  ssh -p 23234 HOST                 the app (needs a terminal; ssh -t in scripts)
  ssh -p 23234 HOST flags --json    a read-only command, as that member: flags,
                                    agenda ID, readout (output to your side)

The host key is made on the first start (ed25519, mode 0600, beside the
database unless --host-key names it) and its fingerprint logged. Connects,
disconnects and refused logins are logged to stderr, one line each.
SIGHUP reads the config again (new members, new keys) without dropping a
session; SIGTERM or SIGINT tell every session, save what they typed, and
exit 0.`,
		Example: `  cadence serve --db /srv/cadence/cadence.db --config /srv/cadence/config.toml
  cadence serve --listen 0.0.0.0:23234 --idle-timeout 30m`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return serve(cmd.Context(), g, o, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", defaultListen, "the ADDR to listen on, host:port (0.0.0.0:23234 for every interface)")
	f.StringVar(&o.hostKey, "host-key", "", "the server's host key FILE (default: "+hostKeyName+" beside the database; made if missing)")
	f.DurationVar(&o.idleTimeout, "idle-timeout", defaultIdleTimeout, "end a session after this long without a key press (warned a minute before; 0: never)")
	f.IntVar(&o.maxSessions, "max-sessions", defaultMaxSessions, "at most N sessions at once; the next is told why")
	return cmd
}

// server is a running `cadence serve`: one Store for every session, the
// config and the keys it lets in, and the sessions that are open.
type server struct {
	g     *globals
	store *store.Store
	log   *slog.Logger
	clock func() time.Time
	opts  serveOptions
	srv   *ssh.Server
	ln    net.Listener
	// port is the port clients connect to, for the lines that say how.
	port string
	// hostKeyPath and fingerprint are the host key's file and SHA256
	// fingerprint, logged at start.
	hostKeyPath, fingerprint string

	mu sync.Mutex
	// shared is the snapshot of the data every session shows, read once
	// per change.
	shared *session.Shared

	// cfg and keys are replaced whole on SIGHUP; a session keeps the
	// config it started with.
	cfg  *cadence.Config
	keys teamKeys
	// open counts the sessions being served; apps are those running the
	// app, told when the server shuts down.
	open     int
	apps     map[*appSession]struct{}
	closing  bool
	attempts map[string]*loginAttempt
	handlers sync.WaitGroup
}

// loginAttempt is what a connection tried before it logged in or gave up,
// kept by remote address until the connection closes.
type loginAttempt struct {
	user    string
	methods []string
	keys    []string // fingerprints of the keys offered
}

// serve runs the server until SIGTERM or SIGINT (or ctx ends).
func serve(ctx context.Context, g *globals, o serveOptions, stderr io.Writer) error {
	s, err := newServer(g, o, stderr)
	if err != nil {
		return err
	}
	return s.run(ctx)
}

// newServer opens the database and the config, reads or makes the host key
// and listens; run serves.
func newServer(g *globals, o serveOptions, stderr io.Writer) (*server, error) {
	if g.me != "" {
		return nil, usagef("serve takes no --me: each session is the member whose key logged in")
	}
	if o.maxSessions < 1 {
		return nil, usagef("--max-sessions %d: give at least 1", o.maxSessions)
	}
	if o.idleTimeout < 0 {
		return nil, usagef("--idle-timeout %s: give a duration such as 1h or 30m (0 for never)", o.idleTimeout)
	}
	cfg, err := g.configFile()
	if err != nil {
		return nil, err
	}
	dbPath, err := g.dbPath()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(dbPath, store.Options{Create: true})
	if err != nil {
		return nil, err
	}
	if cfg == nil {
		if cfg, err = fallbackConfig(st); err != nil {
			return nil, err
		}
	}
	keys, err := keysOf(cfg)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", cfg.Path, err)
	}
	clock, err := g.clock(cfg)
	if err != nil {
		return nil, err
	}
	keyPath := o.hostKey
	if keyPath == "" {
		keyPath = filepath.Join(filepath.Dir(dbPath), hostKeyName)
	}
	pemBytes, fingerprint, err := hostKey(keyPath)
	if err != nil {
		return nil, err
	}
	s := &server{
		g: g, store: st, clock: clock, opts: o,
		log: slog.New(slog.NewTextHandler(stderr, nil)),
		cfg: cfg, keys: keys, hostKeyPath: keyPath, fingerprint: fingerprint,
		apps: map[*appSession]struct{}{}, attempts: map[string]*loginAttempt{},
		shared: &session.Shared{},
	}
	s.srv, err = wish.NewServer(
		wish.WithHostKeyPEM(pemBytes),
		wish.WithPublicKeyAuth(s.publicKey),
	)
	if err != nil {
		return nil, fmt.Errorf("start the ssh server: %w", err)
	}
	s.srv.Handler = s.handle
	s.srv.HandshakeTimeout = handshakeTimeout
	if o.idleTimeout > 0 {
		// A connection with no session in it (ssh -N) has no app to time
		// it out: the connection's own timeout does, a little after the
		// app's would have.
		s.srv.IdleTimeout = o.idleTimeout + idleWarning
	}
	s.srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
		return &gossh.ServerConfig{AuthLogCallback: s.authLog}
	}
	s.srv.ConnectionFailedCallback = s.connectionFailed
	s.srv.ConnectionCloseCallback = func(c net.Conn) {
		s.mu.Lock()
		delete(s.attempts, c.RemoteAddr().String())
		s.mu.Unlock()
	}
	if s.ln, err = net.Listen("tcp", o.listen); err != nil {
		return nil, fmt.Errorf("listen on %s: %w (is another server using the port? name another with --listen)", o.listen, err)
	}
	_, s.port, _ = net.SplitHostPort(s.ln.Addr().String())
	return s, nil
}

// run serves until SIGTERM or SIGINT (or ctx ends), then shuts down: every
// session is told and saves what was typed. SIGHUP reads the config again.
func (s *server) run(ctx context.Context) error {
	defer s.ln.Close()
	// One process serves every session for days: a soft limit bounds the
	// heap should something grow. It is set above what the sessions need
	// (measured: about 2 MiB live a session on the large demo, 1 MiB of
	// goroutine stacks, and the collector's headroom): a limit under that
	// makes the collector run without pause, and every key waits for it.
	// GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(serveBaseMemory + serveSessionMemory*s.opts.maxSessions))
	}
	// The collector's headroom, a share of the live heap, is most of the
	// memory above it: at 70% (Go's default is 100%), 20 sessions on the
	// large demo stay within DESIGN §10's 40 MiB + 4 MiB a session (VmHWM
	// 111 MiB against 123–134 MiB), for no more CPU a key
	// (BenchmarkServe20Sessions). GOGC overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(signals)
	served := make(chan error, 1)
	go func() { served <- s.srv.Serve(s.ln) }()

	s.mu.Lock()
	cfg, members, nobody := s.cfg, s.membersWithKeys(), len(s.keys) == 0
	s.mu.Unlock()
	s.log.Info("serving", "listen", s.ln.Addr().String(), "db", s.store.Path(), "config", cfg.Path,
		"host_key", s.hostKeyPath, "host_key_fingerprint", s.fingerprint, "members_with_keys", members)
	if nobody {
		s.log.Warn("nobody can log in: no team member lists ssh_keys; add them to the config and send SIGHUP", "config", cfg.Path)
	}
	for {
		select {
		case sig := <-signals:
			if sig == syscall.SIGHUP {
				s.reload()
				continue
			}
			s.log.Info("shutting down", "signal", sig.String(), "sessions", s.sessionCount())
		case <-ctx.Done():
			s.log.Info("shutting down", "reason", ctx.Err().Error(), "sessions", s.sessionCount())
		case err := <-served:
			return fmt.Errorf("ssh server: %w", err)
		}
		break
	}
	s.shutdown()
	return nil
}

// Memory of the server: a base, and a share per session it may serve.
const (
	serveBaseMemory    = 64 << 20
	serveSessionMemory = 8 << 20
	serveGCPercent     = 70
)

// clock returns the moment now: --now, moving on from the start, or the
// system clock.
func (g *globals) clock(cfg *cadence.Config) (func() time.Time, error) {
	if g.now == "" {
		return time.Now, nil
	}
	now, err := g.nowIn(cfg)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	return func() time.Time { return now.Add(time.Since(start)) }, nil
}

// publicKey lets in a key that the config gives to a member.
func (s *server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.keys[string(key.Marshal())]
	if !ok {
		a := s.attempt(ctx.RemoteAddr().String(), ctx.User())
		a.keys = appendNew(a.keys, gossh.FingerprintSHA256(key))
	}
	return ok
}

// authLog notes each way a connection tried to log in (password,
// keyboard-interactive, keys), for the line that logs a refusal.
func (s *server) authLog(conn gossh.ConnMetadata, method string, err error) {
	if err == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.attempt(conn.RemoteAddr().String(), conn.User())
	if method != "none" { // the client asking which methods there are
		a.methods = appendNew(a.methods, method)
	}
}

// attempt returns the record of remote's login; s.mu is held.
func (s *server) attempt(remote, user string) *loginAttempt {
	a := s.attempts[remote]
	if a == nil {
		a = &loginAttempt{user: user}
		s.attempts[remote] = a
	}
	return a
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// connectionFailed logs a connection that did not log in: one line, with
// what it tried.
func (s *server) connectionFailed(c net.Conn, err error) {
	remote := c.RemoteAddr().String()
	s.mu.Lock()
	a := s.attempts[remote]
	delete(s.attempts, remote)
	s.mu.Unlock()
	var authErr *gossh.ServerAuthError
	if a == nil && !errors.As(err, &authErr) {
		s.log.Info("connection closed before login", "remote", remote, "error", cadence.VisibleLine(err.Error()))
		return
	}
	if a == nil {
		a = &loginAttempt{}
	}
	reason := "no key of a team member"
	if len(a.keys) == 0 {
		reason = "no public key offered (passwords and keyboard-interactive are not accepted)"
	}
	s.log.Warn("login refused", "user", cadence.VisibleLine(a.user), "remote", remote,
		"key_fingerprints", strings.Join(a.keys, ","), "methods", strings.Join(a.methods, ","), "reason", reason)
}

// member returns the member a session's key logs in, under the config
// now in force.
func (s *server) member(sess ssh.Session) (name string, cfg *cadence.Config, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess.PublicKey() == nil {
		return "", s.cfg, false
	}
	name, ok = s.keys[string(sess.PublicKey().Marshal())]
	return name, s.cfg, ok
}

// admit counts a new session in, unless the server is at its limit or on
// its way down.
func (s *server) admit() (ok bool, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return false, "the server is shutting down; try again in a moment"
	case s.open >= s.opts.maxSessions:
		return false, fmt.Sprintf("the server is at its limit of %d sessions (--max-sessions); try again when someone leaves", s.opts.maxSessions)
	}
	s.open++
	s.handlers.Add(1)
	return true, ""
}

func (s *server) leave() {
	s.mu.Lock()
	s.open--
	s.mu.Unlock()
	s.handlers.Done()
}

func (s *server) sessionCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open
}

// handle serves one SSH session: the app when it has a terminal, a
// read-only command when it asks for one, else a line saying how to
// connect.
func (s *server) handle(sess ssh.Session) {
	remote := sess.RemoteAddr().String()
	fingerprint := ""
	if k := sess.PublicKey(); k != nil {
		fingerprint = gossh.FingerprintSHA256(k)
	}
	member, cfg, ok := s.member(sess)
	if !ok {
		// The key was taken out of the config (SIGHUP) since it logged in.
		s.log.Warn("login refused", "user", cadence.VisibleLine(sess.User()), "remote", remote, "key_fingerprints", fingerprint, "reason", "the key is no longer in the config")
		fmt.Fprintln(sess.Stderr(), "cadence: your key is not in the team's config any more; ask the head of partnerships to add it")
		sess.Exit(1)
		return
	}
	who := cadence.VisibleLine(member)
	if ok, why := s.admit(); !ok {
		s.log.Warn("session refused", "member", who, "key_fingerprint", fingerprint, "remote", remote, "reason", why)
		fmt.Fprintln(sess.Stderr(), "cadence: "+why)
		sess.Exit(1)
		return
	}
	defer s.leave()
	kind := "app"
	_, _, hasPty := sess.Pty()
	command := sess.Command()
	switch {
	case len(command) > 0:
		kind = "command"
	case !hasPty:
		kind = "no terminal"
	}
	start := time.Now()
	s.log.Info("connect", "member", who, "key_fingerprint", fingerprint, "remote", remote, "session", kind,
		"command", cadence.VisibleLine(strings.Join(command, " ")))
	status := 0
	defer func() {
		s.log.Info("disconnect", "member", who, "key_fingerprint", fingerprint, "remote", remote, "session", kind,
			"duration", time.Since(start).Round(time.Millisecond).String(), "exit_status", status)
	}()
	switch kind {
	case "command":
		status = s.runCommand(sess, member, cfg, command)
	case "no terminal":
		fmt.Fprintf(sess.Stderr(), "cadence: the app needs a terminal: connect with ssh -t -p %s %s (or run a command: ssh -p %s %s flags | agenda ID | readout)\n",
			s.port, s.connectHost(sess), s.port, s.connectHost(sess))
		status = 1
	default:
		status = s.runApp(sess, member, cfg)
	}
	sess.Exit(status)
}

// connectHost is the host a client reached the server by, for the lines
// that say how to connect.
func (s *server) connectHost(sess ssh.Session) string {
	host, _, err := net.SplitHostPort(sess.LocalAddr().String())
	if err != nil || host == "" {
		return "HOST"
	}
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// membersWithKeys names the members who can log in.
func (s *server) membersWithKeys() string {
	seen := map[string]bool{}
	for _, name := range s.keys {
		seen[cadence.VisibleLine(name)] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// reload reads the config again (SIGHUP). Sessions keep running on the
// config they started with; new ones get the new config and its keys. A
// config with mistakes is reported and the old one kept.
func (s *server) reload() {
	cfg, err := s.g.configFile()
	if err == nil && cfg == nil {
		cfg, err = fallbackConfig(s.store)
	}
	var keys teamKeys
	if err == nil {
		if keys, err = keysOf(cfg); err != nil {
			err = fmt.Errorf("config %s: %w", cfg.Path, err)
		}
	}
	if err != nil {
		s.log.Error("config not reloaded: the old one stays in force", "error", cadence.VisibleLine(err.Error()))
		return
	}
	s.mu.Lock()
	s.cfg, s.keys = cfg, keys
	members := s.membersWithKeys()
	s.mu.Unlock()
	s.log.Info("config reloaded", "config", cfg.Path, "members_with_keys", members)
}

// shutdown stops taking connections, tells every app session that the
// server is going down (each saves what was typed, and ends), waits a few
// seconds for them, then closes what is left.
func (s *server) shutdown() {
	srv := s.srv
	s.mu.Lock()
	s.closing = true
	apps := make([]*appSession, 0, len(s.apps))
	for a := range s.apps {
		apps = append(apps, a)
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	go srv.Shutdown(ctx) // closes the listener at once, then waits
	for _, a := range apps {
		a.stop("the server is shutting down", "cadence: the server is shutting down; what you typed is saved")
	}
	done := make(chan struct{})
	go func() {
		s.handlers.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		s.log.Warn("sessions still open after the shutdown wait; closing them", "sessions", s.sessionCount())
	}
	srv.Close()
}
