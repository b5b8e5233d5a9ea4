package corpus

import (
	"context"
	"os"
	"testing"

	"paperbot/corpus/pdftext"
)

// TestParsePDFPlain reads a plain one-font PDF: no type sizes to go by.
func TestParsePDFPlain(t *testing.T) {
	if !pdftext.Available() {
		if os.Getenv("CI") != "" {
			t.Fatal("needs pdftotext (poppler-utils); CI must have it")
		}
		t.Skip("needs pdftotext (poppler-utils)")
	}
	pdf := pdftext.MakePDF([][]string{
		{"Andosols on volcanic slopes", "Abstract", "Andosols form from volcanic ash."},
		{"References", "1. Shoji, S. (1993). Volcanic ash soils. Elsevier.", "2. Nanzyo, M. (2002). Volcanic ash soils. Global Environmental Research, 6, 99-112."},
	})
	p, err := ParsePDF(context.Background(), "andosols.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Andosols on volcanic slopes" || len(p.References) != 2 || p.Abstract != "Andosols form from volcanic ash." {
		t.Fatalf("title %q abstract %q refs %d %v", p.Title, p.Abstract, len(p.References), p.Anomalies)
	}
}

// TestReadLayoutTruncated reads a real layout cut at many points: the
// reader returns a paper or an error, never panics.
func TestReadLayoutTruncated(t *testing.T) {
	needSharedPDFs(t)
	x := layoutXHTML(t, "pischalnikov-2018-lcls2-cavity-tuner-test.pdf")
	for i := 1; i <= 20; i++ {
		cut := x[:len(x)*i/20]
		doc, err := pdftext.LayoutFromXHTML(cut)
		if err != nil {
			continue
		}
		if p, err := ReadLayout("cut.pdf", doc); err == nil && p.Title == "" && len(p.References) == 0 {
			t.Errorf("cut %d/20: a paper with neither title nor references", i)
		}
	}
}
