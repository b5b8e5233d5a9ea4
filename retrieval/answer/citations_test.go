package answer

import (
	"slices"
	"testing"
)

func TestCheckCitations(t *testing.T) {
	valid := map[int]bool{2: true, 3: true, 4: true, 29: true}
	tests := []struct {
		name, in, want string
		kept, removed  []int
	}{
		{"all valid", "Russia cooperates [29] and competes [2].", "Russia cooperates [29] and competes [2].", []int{29, 2}, nil},
		{"made up removed", "Soft power is attraction [99].", "Soft power is attraction.", nil, []int{99}},
		{"group partly valid", "See [3, 99].", "See [3].", []int{3}, []int{99}},
		{"range partly valid", "See [2–5].", "See [2, 3, 4].", []int{2, 3, 4}, []int{5}},
		{"semicolons", "See [2; 3].", "See [2; 3].", []int{2, 3}, nil},
		{"line start", "[99] starts the line", "starts the line", nil, []int{99}},
		{"labels untouched", "From the abstract [A1].", "From the abstract [A1].", nil, nil},
		{"order of first use", "[4] then [2] then [4]", "[4] then [2] then [4]", []int{4, 2}, nil},
		{"huge number", "[99999999999999999999]", "", nil, nil},
		{"no citations", "Nothing to check.", "Nothing to check.", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, kept, removed := CheckCitations(tt.in, valid)
			if got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
			if !slices.Equal(kept, tt.kept) || !slices.Equal(removed, tt.removed) {
				t.Errorf("kept %v removed %v, want %v %v", kept, removed, tt.kept, tt.removed)
			}
		})
	}
}

func TestReplaceLabels(t *testing.T) {
	tests := map[string]string{
		"Relations are cooperative [A3].": "Relations are cooperative (abstract).",
		"It is a journal article [M1].":   "It is a journal article (paper details).",
		"Both [A1, A2] agree [29].":       "Both (abstract) agree [29].",
		"No labels [12].":                 "No labels [12].",
	}
	for in, want := range tests {
		if got := replaceLabels(in); got != want {
			t.Errorf("replaceLabels(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzCheckCitations: whatever the text, no invalid number survives and no
// valid one is dropped from kept.
func FuzzCheckCitations(f *testing.F) {
	for _, s := range []string{"a [1] b [99]", "[1, 2–40]", "[[3]]", "[3][4]", "x [ 7 ; 8 ]", "[A1] [M2, A3]", "[9999999999999999999999]"} {
		f.Add(s)
	}
	valid := map[int]bool{1: true, 3: true, 7: true}
	f.Fuzz(func(t *testing.T, s string) {
		clean, kept, _ := CheckCitations(s, valid)
		for _, n := range kept {
			if !valid[n] {
				t.Fatalf("kept invalid %d", n)
			}
		}
		_, _, removed := CheckCitations(clean, valid)
		if len(removed) != 0 {
			t.Fatalf("%q -> %q still has invalid %v", s, clean, removed)
		}
	})
}
