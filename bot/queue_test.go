package bot

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 102: "102nd", 111: "111th"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestSlotQueueOrder: waiters are served first come, first served, each
// learns its place as the line moves, and one leaving moves those behind.
func TestSlotQueueOrder(t *testing.T) {
	q := newSlotQueue(1, 3)
	r0, err := q.wait(context.Background(), time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	type ev struct{ who, place int }
	events := make(chan ev, 32)
	got := make(chan int, 3)
	ctx1, cancel1 := context.WithCancel(context.Background())
	for who := range 3 {
		ctx := context.Background()
		if who == 1 {
			ctx = ctx1
		}
		go func() {
			rel, err := q.wait(ctx, time.Minute, func(p int) { events <- ev{who, p} })
			if err != nil {
				got <- -1
				return
			}
			got <- who
			rel()
		}()
		if e := <-events; e != (ev{who, who + 1}) {
			t.Fatalf("joined: %+v, want %+v", e, ev{who, who + 1})
		}
	}
	if _, err := q.wait(context.Background(), time.Minute, nil); !errors.Is(err, errLineFull) {
		t.Fatalf("a fourth in a line of 3: %v, want errLineFull", err)
	}
	cancel1() // the 2nd in line leaves: the 3rd becomes 2nd
	if e := <-events; e != (ev{2, 2}) {
		t.Fatalf("after one left: %+v, want {2 2}", e)
	}
	if w := <-got; w != -1 {
		t.Fatalf("the one who left got %d", w)
	}
	r0()
	if a, b := <-got, <-got; a != 0 || b != 2 {
		t.Fatalf("served %d then %d, want 0 then 2", a, b)
	}
	if q.waiting() != 0 {
		t.Fatalf("%d still waiting", q.waiting())
	}
}
