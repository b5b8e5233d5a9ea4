package bot

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/corpus/pdftext"
)

// ingestMemChildEnv makes TestE2EIngestMemory run the measured ingests
// itself (in a fresh process) instead of starting that process.
const ingestMemChildEnv = "PAPERBOT_INGEST_MEM_CHILD"

// ingestMemBound is the bound on the bot process while it ingests
// any PDF up to the upload limit.
const ingestMemBound = 200 << 20

// ingestMem is one measured /ingest.
type ingestMem struct {
	Name      string `json:"name"`
	PDFBytes  int    `json:"pdf_bytes"`
	Outcome   string `json:"outcome"`
	PeakHeap  uint64 `json:"peak_heap"`  // highest HeapInuse sampled every 2 ms
	PeakRSS   uint64 `json:"peak_rss"`   // VmHWM after a reset, 0 when unknown
	StartRSS  uint64 `json:"start_rss"`  // VmRSS before the upload
	StartHeap uint64 `json:"start_heap"` // HeapInuse before the upload
	Seconds   float64
}

// TestE2EIngestMemory: the bot process stays under 200 MB (heap and
// resident memory) while /ingest reads the largest PDF it accepts (about
// 90% of pdftotext's output cap) and while it refuses a PDF at the
// upload limit that holds far more text than that. The ingests run in a
// fresh process (this test binary again), so earlier tests' memory does
// not count; the race detector's own memory would, so it is skipped there.
func TestE2EIngestMemory(t *testing.T) {
	if os.Getenv(ingestMemChildEnv) == "1" {
		ingestMemChild(t)
		return
	}
	if raceEnabled {
		t.Skip("the race detector multiplies memory use; measured without -race")
	}
	if testing.Short() {
		t.Skip("builds and reads a 10 MB PDF")
	}
	if !pdftext.Available() {
		if os.Getenv("CI") != "" {
			t.Fatal("needs pdftotext (poppler-utils); CI must have it")
		}
		t.Skip("needs pdftotext (poppler-utils)")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestE2EIngestMemory$", "-test.v")
	cmd.Env = append(os.Environ(), ingestMemChildEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("measuring process failed: %v\n%s", err, tailLines(string(out), 30))
	}
	var got []ingestMem
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if _, js, ok := strings.Cut(sc.Text(), "INGESTMEM "); ok {
			var m ingestMem
			if err := json.Unmarshal([]byte(js), &m); err != nil {
				t.Fatal(err)
			}
			got = append(got, m)
		}
	}
	if len(got) != 2 {
		t.Fatalf("want 2 measurements, got %d:\n%s", len(got), tailLines(string(out), 30))
	}
	for _, m := range got {
		t.Logf("%s (%d KB PDF): %s in %.1f s; heap %d → peak %d MB; RSS %d → peak %d MB",
			m.Name, m.PDFBytes>>10, m.Outcome, m.Seconds, m.StartHeap>>20, m.PeakHeap>>20, m.StartRSS>>20, m.PeakRSS>>20)
		if m.PeakHeap > ingestMemBound || m.PeakRSS > ingestMemBound {
			t.Errorf("%s: peak heap %d MB, peak RSS %d MB; want both ≤ %d MB", m.Name, m.PeakHeap>>20, m.PeakRSS>>20, ingestMemBound>>20)
		}
	}
	if got[0].Outcome != "added" {
		t.Errorf("the largest accepted PDF was not added: %s", got[0].Outcome)
	}
	if !strings.Contains(got[1].Outcome, "more text than PaperBot reads") {
		t.Errorf("the PDF at the upload limit was not refused for its text: %s", got[1].Outcome)
	}
}

// ingestMemChild runs the two measured ingests and prints one INGESTMEM
// line each.
func ingestMemChild(t *testing.T) {
	near := textPDF(nearCapPages)
	pages := 1600
	limit := textPDF(pages)
	for len(limit) > DefaultMaxUploadBytes { // just under the 10 MB upload limit
		pages -= 20
		limit = textPDF(pages)
	}
	cdn := discordtest.NewCDN(t)
	c := startClassroom(t, dbPath(t), cdn, nil)
	defer c.checkRules()
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{{"largest accepted", near}, {"upload limit", limit}} {
		att := cdn.Add(strings.ReplaceAll(tc.name, " ", "-")+".pdf", "application/pdf", tc.pdf)
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		m := ingestMem{Name: tc.name, PDFBytes: len(tc.pdf), StartHeap: ms.HeapInuse, StartRSS: procStatus("VmRSS")}
		stopSampling := sampleHeap(2 * time.Millisecond)
		start := time.Now()
		st := c.upload(att)
		m.Seconds = time.Since(start).Seconds()
		m.PeakHeap, m.PeakRSS = stopSampling(), procStatus("VmHWM")
		text := st.Text()
		m.Outcome = "added"
		if !strings.Contains(text, "✅ Added") {
			m.Outcome = "refused: " + oneLine(text)
		}
		js, _ := json.Marshal(m)
		fmt.Printf("INGESTMEM %s\n", js)
	}
}

// nearCapPages is how many textPDF pages come close to pdftotext's
// output cap (pdftext.MaxOutput, 20 MB of layout): with poppler 22.12, 200
// pages give 16 MB, 225 about 18.5 MB, 240 go over.
const nearCapPages = 225

// textPDF is a PDF of pages of made-up prose (58 lines of 14 words each)
// with a reference list: the most text a PDF of its size can carry.
func textPDF(pages int) []byte {
	words := strings.Fields("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango")
	out := [][]string{{"A long paper of made-up prose", "", "Ann Author", "", "Abstract", "", "This paper is long on purpose [1]."}}
	n := 0
	for range pages {
		lines := make([]string, 0, 58)
		for l := range 58 {
			ws := make([]string, 0, 14)
			for w := range 14 {
				ws = append(ws, words[(n*7+w*3+l)%len(words)]+string(rune('a'+(n+w)%26)))
				n++
			}
			lines = append(lines, strings.Join(ws, " ")+".")
		}
		out = append(out, lines)
	}
	refs := []string{"References", ""}
	for i := 1; i <= 40; i++ {
		refs = append(refs, fmt.Sprintf("%d. Writer%d, B. (2001). A made-up source number %d. Journal of Examples, %d, 1-10.", i, i, i, i))
	}
	return pdftext.MakePDF(append(out, refs))
}

// resetPeakRSS resets the process's resident-memory high-water mark
// (Linux: writing 5 to /proc/self/clear_refs), so VmHWM then measures
// from now.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// procStatus reads a memory line of /proc/self/status in bytes (0 when
// unknown).
func procStatus(field string) uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, field+":"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

func tailLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
