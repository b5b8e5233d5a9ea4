package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

const healthUsage = `usage: paperbot health [--addr HOST:PORT] [--timeout D]

Asks the running bot's ops endpoint (OPS_ADDR) for /healthz and exits 0 when
it is healthy, 1 otherwise. The Docker image's HEALTHCHECK runs it.`

// runHealth is the `paperbot health` probe: GET http://OPS_ADDR/healthz.
// Exit status: 0 healthy, 1 unhealthy or unreachable (Docker reserves 2,
// so it is used only for a malformed command line).
func runHealth(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, healthUsage); fs.PrintDefaults() }
	addr := fs.String("addr", strings.TrimSpace(getenv("OPS_ADDR")), "ops endpoint address (default: $OPS_ADDR)")
	timeout := fs.Duration("timeout", 3*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "paperbot health: unexpected argument %q\n%s\n", fs.Arg(0), healthUsage)
		return 2
	}
	if *addr == "" {
		fmt.Fprintln(stderr, "paperbot health: OPS_ADDR is empty, so the ops endpoint is off; set OPS_ADDR (e.g. 127.0.0.1:9090) for the bot and for this probe")
		return 1
	}
	url, err := healthURL(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot health: %v\n", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot health: %v\n", err)
		return 1
	}
	client := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot health: cannot reach %s: %v\n", url, err)
		return 1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	text := strings.TrimSpace(string(body))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "paperbot health: unhealthy (%s): %s\n", resp.Status, text)
		return 1
	}
	fmt.Fprintln(stdout, text)
	return 0
}

// healthURL turns an ops listen address into the URL to probe. A wildcard
// host (":9090", "0.0.0.0:9090", "[::]:9090") is probed on loopback.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("OPS_ADDR=%q is not HOST:PORT (e.g. 127.0.0.1:9090)", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
