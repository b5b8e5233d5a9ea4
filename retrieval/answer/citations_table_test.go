package answer

import (
	"slices"
	"testing"
)

func TestCheckCitationsTable(t *testing.T) {
	valid := map[int]bool{1: true, 2: true, 3: true, 4: true, 7: true, 12: true}
	tests := []struct {
		name          string
		in, want      string
		kept, removed []int
	}{
		{"no citations", "Soft power is attraction.", "Soft power is attraction.", nil, nil},
		{"valid single", "As Nye argues [3].", "As Nye argues [3].", []int{3}, nil},
		{"made-up number removed", "As shown [99].", "As shown.", nil, []int{99}},
		{"not retrieved removed", "Trade grew [5] and [7].", "Trade grew and [7].", []int{7}, []int{5}},
		{"list partly valid", "See [3, 99].", "See [3].", []int{3}, []int{99}},
		{"list all valid kept as written", "See [3,7].", "See [3,7].", []int{3, 7}, nil},
		{"semicolons", "See [1; 2].", "See [1; 2].", []int{1, 2}, nil},
		{"en dash range valid", "See [1–4].", "See [1–4].", []int{1, 2, 3, 4}, nil},
		{"hyphen range with a gap", "See [2-5].", "See [2, 3, 4].", []int{2, 3, 4}, []int{5}},
		{"em dash range invalid", "See [40—45].", "See.", nil, []int{40, 41, 42, 43, 44, 45}},
		{"reversed range keeps valid ends", "See [12-3].", "See [12, 3].", []int{12, 3}, nil},
		{"huge range not expanded", "See [1-9999].", "See [1].", []int{1}, []int{9999}},
		{"abstract labels left alone", "The study [A1] cites [3].", "The study [A1] cites [3].", []int{3}, nil},
		{"letters and words untouched", "[sic] and [M1] and [a]", "[sic] and [M1] and [a]", nil, nil},
		{"duplicates reported once", "[3] then [3] and [99] [99].", "[3] then [3] and.", []int{3}, []int{99}},
		{"order of first use", "[7] before [1].", "[7] before [1].", []int{7, 1}, nil},
		{"line start drops trailing space", "[99] Soft power.\n[3] Nye.", "Soft power.\n[3] Nye.", []int{3}, []int{99}},
		{"spaces inside brackets", "See [ 3 , 4 ].", "See [ 3 , 4 ].", []int{3, 4}, nil},
		{"zero is not a reference", "See [0].", "See.", nil, []int{0}},
		{"absurd number dropped", "See [123456789012345678901234567890].", "See.", nil, nil},
		{"adjacent groups", "x [3][99].", "x [3].", []int{3}, []int{99}},
		{"empty text", "", "", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, kept, removed := CheckCitations(tc.in, valid)
			if got != tc.want {
				t.Errorf("clean = %q, want %q", got, tc.want)
			}
			if !slices.Equal(kept, tc.kept) {
				t.Errorf("kept = %v, want %v", kept, tc.kept)
			}
			if !slices.Equal(removed, tc.removed) {
				t.Errorf("removed = %v, want %v", removed, tc.removed)
			}
		})
	}
}

func TestCheckCitationsNilValid(t *testing.T) {
	got, kept, removed := CheckCitations("A [1] B [2].", nil)
	if got != "A B." || kept != nil || !slices.Equal(removed, []int{1, 2}) {
		t.Errorf("got %q %v %v", got, kept, removed)
	}
}
