package classroom

import (
	"errors"
	"testing"
)

func TestUploadNameAndSizes(t *testing.T) {
	for in, want := range map[string]string{"week 2.pdf": "week 2.txt", "a.b.txt": "a.b.txt", "../../etc/passwd": "passwd.txt", "": "paper.txt"} {
		if got := UploadName(in, ".txt"); got != want {
			t.Errorf("UploadName(%q, .txt) = %q, want %q", in, got, want)
		}
	}
	if got := UploadName("scan.TXT", ".pdf"); got != "scan.pdf" {
		t.Errorf("UploadName(scan.TXT, .pdf) = %q", got)
	}
	for n, want := range map[int64]string{512: "512 bytes", 3 << 10: "3.0 KB", 50 << 20: "50.0 MB"} {
		if got := HumanBytes(n); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCheckUpload(t *testing.T) {
	up := func(name string, size int64) Upload {
		return Upload{FileName: name, Size: size, URL: "http://127.0.0.1/x"}
	}
	for _, tc := range []struct {
		up   Upload
		want UploadProblem
	}{
		{up("paper.txt", 10), 0},
		{up("Paper.PDF", 10), 0},
		{up("paper.docx", 10), NotPaperFile},
		{up("paper", 10), NotPaperFile},
		{up("paper.txt", 0), EmptyFile},
		{up("paper.txt", 11<<20), TooLarge},
		{Upload{FileName: "a.txt", Size: 3}, NoLink},
	} {
		err := CheckUpload(tc.up, DefaultMaxUploadBytes)
		var ue *UploadError
		switch {
		case tc.want == 0 && err != nil:
			t.Errorf("%s: unexpected %v", tc.up.FileName, err)
		case tc.want != 0 && (!errors.As(err, &ue) || ue.Problem != tc.want):
			t.Errorf("%s: got %v, want problem %d", tc.up.FileName, err, tc.want)
		}
	}
}
