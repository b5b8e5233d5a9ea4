package refparse

import (
	"reflect"
	"testing"
)

func TestLabellingsRoundTrip(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !m.Embedded() {
		t.Error("Default() is not marked as the embedded model")
	}
	raws := []string{
		"Smith, J. (2020). A title. Journal of Things, 3(2), 1-13.",
		"",
		"Haeussler C, Rake B (2017) Title of a paper. Res Policy 46:1–12",
	}
	var ls []Labelled
	for _, r := range raws {
		ls = append(ls, m.Label(r))
	}
	got, err := DecodeLabellings(EncodeLabellings(ls))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if !reflect.DeepEqual(got[l.Raw], l) {
			t.Errorf("%q: decoded %+v, want %+v", l.Raw, got[l.Raw], l)
		}
	}
	if _, err := DecodeLabellings(EncodeLabellings(ls)[:20]); err == nil {
		t.Error("a truncated cache was accepted")
	}
}
