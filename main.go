// Command paperbot answers questions about research papers, in a Discord
// server or in the terminal, citing the paper's own numbered references.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	// Settings come from the environment, then from ./.env (dotenv.go).
	getenv := withDotenv(dotenvFile, os.LookupEnv, os.Stderr)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, getenv))
}

// run dispatches a subcommand and returns the process exit status:
// 0 on success, 1 for unreadable input or a runtime failure, 2 for usage errors.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		return runDefault(stdin, stdout, stderr, getenv)
	}
	switch args[0] {
	case "refs":
		return runRefs(args[1:], stdout, stderr)
	case "cite":
		return runCite(args[1:], stdout, stderr)
	case "paper":
		return runPaper(args[1:], stdout, stderr)
	case "passages":
		return runPassages(args[1:], stdout, stderr)
	case "ask":
		return runAsk(args[1:], stdout, stderr, getenv)
	case "index":
		return runIndex(args[1:], stdout, stderr, getenv)
	case "eval":
		return runEval(args[1:], stdout, stderr, getenv)
	case "eval-refs":
		return runEvalRefs(args[1:], stdout, stderr)
	case "chat":
		return runChat(args[1:], stdin, stdout, stderr, getenv)
	case "serve":
		return runServe(args[1:], stdout, stderr, getenv)
	case "health":
		return runHealth(args[1:], stdout, stderr, getenv)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "paperbot: unknown command %q\n%s", args[0], usage)
		return 2
	}
}

// runDefault serves Discord when DISCORD_TOKEN is set, and otherwise opens
// the terminal chat over the embedded paper.
func runDefault(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if getenv("DISCORD_TOKEN") != "" {
		return runServe(nil, stdout, stderr, getenv)
	}
	return runChat(nil, stdin, stdout, stderr, getenv)
}

const usage = `usage: paperbot [command] [flags]

With no command, paperbot connects to Discord when DISCORD_TOKEN is set and
otherwise opens an interactive chat about the paper in the terminal.

commands:
  chat                                   terminal chat (the default without DISCORD_TOKEN)
  serve                                  connect to Discord (the default with DISCORD_TOKEN)
  ask [--paper FILE | --corpus DIR] [--json] [--k N] QUESTION
  refs [--paper FILE] [--json] [QUERY]   list references, or those matching QUERY
  cite [--paper FILE] [--format ieee|apa|mla|bibtex] N|paper
  paper [--paper FILE] [--json]          the paper's title, authors, venue, abstract
  passages [--paper FILE] [--json]       every passage the answerer can use, with what it cites
  index [--corpus DIR]                   build or refresh the index file
  eval [-v] [--root DIR] [FILE.jsonl]    answer accuracy on an evaluation set (default: held-out)
  eval-refs [--split heldout|dev|all] [FILE.jsonl]
                                         reference parser accuracy (default: held-out split)
  health [--addr HOST:PORT]              probe the ops endpoint's /healthz (exit 0 when healthy)
`
