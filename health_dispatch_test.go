package main

import (
	"bytes"
	"strings"
	"testing"

	"paperbot/internal/ops"
)

// The HEALTHCHECK runs `paperbot health`: run() must send it to the probe.
func TestHealthSubcommandDispatched(t *testing.T) {
	h := ops.NewHealth(false)
	h.SetIndexLoaded(true)
	addr := opsServer(t, h)
	var out, errb bytes.Buffer
	code := run([]string{"health", "--addr", addr}, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	if code != 0 || !strings.Contains(out.String(), `"healthy":true`) {
		t.Errorf("paperbot health: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}
