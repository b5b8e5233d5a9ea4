package main

// There is no Docker engine on the CI machines, so this test reads the
// Dockerfile and checks the properties the deployment relies on; .ci/run
// builds the binary with the same command and checks that it is static.

import (
	"net"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"paperbot/internal/ops"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper case: FROM, RUN, ...
	args string
}

// stage is the instructions from one FROM to the next.
type stage struct {
	from, name string
	ins        []instruction
}

func (s stage) all(cmd string) []instruction {
	var out []instruction
	for _, in := range s.ins {
		if in.cmd == cmd {
			out = append(out, in)
		}
	}
	return out
}

// parseDockerfile splits a Dockerfile into stages. It understands what
// this project's Dockerfile uses: comments, line continuations, FROM ... AS.
func parseDockerfile(text string) []stage {
	var (
		stages  []stage
		logical strings.Builder
	)
	flush := func() {
		line := strings.TrimSpace(logical.String())
		logical.Reset()
		if line == "" {
			return
		}
		cmd, args, _ := strings.Cut(line, " ")
		in := instruction{cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)}
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			st := stage{from: f[0]}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				st.name = f[2]
			}
			stages = append(stages, st)
		}
		if len(stages) > 0 {
			stages[len(stages)-1].ins = append(stages[len(stages)-1].ins, in)
		}
	}
	for _, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "#") {
			continue // comments, also between continuation lines
		}
		if strings.HasSuffix(line, "\\") {
			logical.WriteString(strings.TrimSuffix(line, "\\") + " ")
			continue
		}
		logical.WriteString(line)
		flush()
	}
	flush()
	return stages
}

// shellWords splits a simple shell command into words, honouring quotes.
func shellWords(s string) []string {
	var (
		words []string
		cur   strings.Builder
		quote rune
		in    bool
	)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// goBuild finds the `go build ... -o OUT PKG` command in text and returns
// its environment assignments and its flags (without -o OUT), normalised
// so that -ldflags=X and -ldflags X compare equal.
func goBuild(t *testing.T, name, text string) (env, flags []string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") || !strings.Contains(line, "go build") || !strings.Contains(line, " -o ") {
			continue
		}
		line = strings.TrimPrefix(line, "RUN ")
		for _, sep := range []string{"&&", ";", "|"} {
			if i := strings.Index(line, sep); i >= 0 {
				line = line[:i]
			}
		}
		words := shellWords(line)
		i := slices.Index(words, "go")
		if i < 0 || i+1 >= len(words) || words[i+1] != "build" {
			continue
		}
		env = words[:i]
		for j := i + 2; j < len(words); j++ {
			w := words[j]
			switch {
			case w == "-o":
				j++ // skip the output path
			case strings.HasPrefix(w, "-") && strings.Contains(w, "="):
				k, v, _ := strings.Cut(w, "=")
				flags = append(flags, k, v)
			default:
				flags = append(flags, w)
			}
		}
		return env, flags
	}
	t.Fatalf("%s has no `go build ... -o ...` line", name)
	return nil, nil
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// execForm parses a JSON exec-form array such as ["/bin/x", "health"].
var execFormRE = regexp.MustCompile(`^\[\s*"[^"]*"(\s*,\s*"[^"]*")*\s*\]$`)

func execForm(t *testing.T, s string) []string {
	t.Helper()
	s = strings.TrimSpace(s)
	if !execFormRE.MatchString(s) {
		t.Fatalf("%q is not an exec-form JSON array (shell form would need /bin/sh and break signal handling)", s)
	}
	var out []string
	for _, m := range regexp.MustCompile(`"([^"]*)"`).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestDockerfile(t *testing.T) {
	stages := parseDockerfile(readFile(t, "Dockerfile"))
	if len(stages) < 2 {
		t.Fatalf("want a multi-stage build, found %d stage(s)", len(stages))
	}
	build, final := stages[0], stages[len(stages)-1]

	t.Run("builder matches go.mod", func(t *testing.T) {
		m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(readFile(t, "go.mod"))
		if m == nil {
			t.Fatal("go.mod has no go directive")
		}
		if want := "golang:" + m[1] + "-"; !strings.HasPrefix(build.from, want) || build.name == "" {
			t.Errorf("builder FROM %q (AS %q): want %s... with a stage name", build.from, build.name, want)
		}
	})

	t.Run("small final image", func(t *testing.T) {
		if strings.HasPrefix(final.from, "golang:") || !strings.Contains(final.from, "slim") {
			t.Errorf("final image %q: want a slim base, not the Go toolchain", final.from)
		}
	})

	dockerEnv, dockerFlags := goBuild(t, "Dockerfile", readFile(t, "Dockerfile"))
	ciEnv, ciFlags := goBuild(t, ".ci/run", readFile(t, ".ci/run"))

	t.Run("static build", func(t *testing.T) {
		for name, env := range map[string][]string{"Dockerfile": dockerEnv, ".ci/run": ciEnv} {
			if !slices.Contains(env, "CGO_ENABLED=0") {
				t.Errorf("%s builds without CGO_ENABLED=0 on the go build line (env %q)", name, env)
			}
		}
		for _, want := range []string{"-trimpath", "-ldflags"} {
			if !slices.Contains(dockerFlags, want) {
				t.Errorf("Dockerfile go build lacks %s: %q", want, dockerFlags)
			}
		}
	})

	t.Run("same build as CI", func(t *testing.T) {
		if !slices.Equal(dockerFlags, ciFlags) {
			t.Errorf("go build differs:\nDockerfile %q\n.ci/run    %q", dockerFlags, ciFlags)
		}
	})

	var binary string
	t.Run("binary copied from the builder", func(t *testing.T) {
		for _, in := range final.all("COPY") {
			f := strings.Fields(in.args)
			if len(f) == 3 && f[0] == "--from="+build.name {
				binary = f[2]
			}
		}
		if !strings.HasPrefix(binary, "/") {
			t.Fatalf("no `COPY --from=%s SRC /abs/path` in the final stage", build.name)
		}
	})

	t.Run("entrypoint is the binary", func(t *testing.T) {
		ep := final.all("ENTRYPOINT")
		if len(ep) != 1 {
			t.Fatalf("want one ENTRYPOINT, found %d", len(ep))
		}
		if got := execForm(t, ep[0].args); !slices.Equal(got, []string{binary}) {
			t.Errorf("ENTRYPOINT %q, want [%q] (no arguments: serve when DISCORD_TOKEN is set)", got, binary)
		}
	})

	t.Run("healthcheck runs the probe", func(t *testing.T) {
		hc := final.all("HEALTHCHECK")
		if len(hc) != 1 {
			t.Fatalf("want one HEALTHCHECK, found %d", len(hc))
		}
		_, cmd, ok := strings.Cut(hc[0].args, "CMD ")
		if !ok {
			t.Fatalf("HEALTHCHECK %q has no CMD", hc[0].args)
		}
		if got := execForm(t, cmd); !slices.Equal(got, []string{binary, "health"}) {
			t.Errorf("HEALTHCHECK CMD %q, want [%q \"health\"]", got, binary)
		}
	})

	env := map[string]string{}
	for _, in := range final.all("ENV") {
		for _, kv := range shellWords(in.args) {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
	}

	t.Run("ops endpoint on loopback for the probe", func(t *testing.T) {
		host, _, err := net.SplitHostPort(env["OPS_ADDR"])
		if err != nil || !net.ParseIP(host).IsLoopback() {
			t.Errorf("ENV OPS_ADDR=%q: want a loopback HOST:PORT such as %s", env["OPS_ADDR"], ops.DefaultAddr)
		}
		if _, err := healthURL(env["OPS_ADDR"]); err != nil {
			t.Errorf("the probe cannot use OPS_ADDR: %v", err)
		}
	})

	t.Run("volume for index and state", func(t *testing.T) {
		vols := final.all("VOLUME")
		if len(vols) != 1 || strings.Trim(vols[0].args, `[]" `) != env["DATA_DIR"] || env["DATA_DIR"] == "" {
			t.Errorf("VOLUME %v and ENV DATA_DIR=%q must name the same directory", vols, env["DATA_DIR"])
		}
	})

	t.Run("non-root user", func(t *testing.T) {
		users := final.all("USER")
		if len(users) == 0 {
			t.Fatal("final stage has no USER: it would run as root")
		}
		u := users[len(users)-1].args
		uid, _, _ := strings.Cut(u, ":")
		if uid == "root" || uid == "0" || uid == "" {
			t.Errorf("USER %q is root", u)
		}
		if !strings.Contains(readFile(t, "Dockerfile"), "--uid "+uid) {
			t.Errorf("USER %s is not created with useradd --uid %s", uid, uid)
		}
	})

	t.Run("packages", func(t *testing.T) {
		var install string
		for _, in := range final.all("RUN") {
			if strings.Contains(in.args, "apt-get install") {
				install = in.args
			}
		}
		for _, want := range []string{"--no-install-recommends", "poppler-utils", "ca-certificates", "rm -rf /var/lib/apt/lists"} {
			if !strings.Contains(install, want) {
				t.Errorf("final stage's apt-get RUN lacks %q", want)
			}
		}
	})
}

func TestDockerignore(t *testing.T) {
	lines := strings.Fields(readFile(t, ".dockerignore"))
	for _, want := range []string{".git", ".env", ".paperbot"} {
		if !slices.Contains(lines, want) {
			t.Errorf(".dockerignore does not exclude %s", want)
		}
	}
}

func TestComposeFile(t *testing.T) {
	c := readFile(t, "docker-compose.yml")
	for _, want := range []string{
		"build: .",
		"image: ollama/ollama",
		"OPENAI_BASE_URL: http://ollama:11434/v1",
		"CHAT_MODEL:",
		"EMBEDDING_MODEL:",
		"DISCORD_TOKEN: ${DISCORD_TOKEN",
		":/data",
		":/root/.ollama",
	} {
		if !strings.Contains(c, want) {
			t.Errorf("docker-compose.yml lacks %q", want)
		}
	}
}

func TestShellWords(t *testing.T) {
	got := shellWords(`CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$out/x" .`)
	want := []string{"CGO_ENABLED=0", "go", "build", "-trimpath", "-ldflags=-s -w", "-o", "$out/x", "."}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
