package classroom

import "testing"

func TestChannels(t *testing.T) {
	t.Parallel()
	c := NewChannels(openSQLite(t))
	ctx := t.Context()
	if id, ok, err := c.PaperOf(ctx, "thread", "parent"); err != nil || ok || id != "" {
		t.Fatalf("no paper chosen: %q, %v, %v", id, ok, err)
	}
	if err := c.Set(ctx, "parent", "p1"); err != nil {
		t.Fatal(err)
	}
	if id, ok, err := c.PaperOf(ctx, "thread", "parent"); err != nil || !ok || id != "p1" {
		t.Fatalf("thread of a parent with a paper: %q, %v, %v", id, ok, err)
	}
	if err := c.Set(ctx, "thread", "p2"); err != nil {
		t.Fatal(err)
	}
	if id, _, err := c.PaperOf(ctx, "thread", "parent"); err != nil || id != "p2" {
		t.Fatalf("a thread's own choice comes first: %q, %v", id, err)
	}
}
