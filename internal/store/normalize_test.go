package store

import (
	"testing"
	"time"
)

func TestNormalizeQuestion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"What is soft power?", "what is soft power"},
		{"  what IS   soft-power!! ", "what is soft power"},
		{"What's the Belt and Road Initiative?", "whats the belt and road initiative"},
		{"What’s the BRI?", "whats the bri"},
		{"Who wrote [15]?", "who wrote 15"},
		{"soft\u200bpower\u202e?", "softpower"},
		{"Xi'an summit, 2023.", "xian summit 2023"},
		{"Ünïcödé Çase", "ünïcödé çase"},
		{"tab\tand\nnewline", "tab and newline"},
		{"?!…", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeQuestion(tt.in); got != tt.want {
			t.Errorf("NormalizeQuestion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDayAndNewID(t *testing.T) {
	at := time.Date(2026, 11, 27, 23, 30, 0, 0, time.FixedZone("x", -3*3600))
	if got := Day(at); got != "2026-11-28" {
		t.Errorf("Day = %q, want the UTC day 2026-11-28", got)
	}
	a, b := NewID(), NewID()
	if len(a) != 16 || a == b {
		t.Errorf("NewID: %q %q", a, b)
	}
}
