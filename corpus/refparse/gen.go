package refparse

// Retrain the embedded weights (model.bin) from ../shared/refparse/train.jsonl.
// The result is byte-for-byte reproducible (fixed shuffle seed, sorted
// keys, no timestamps). It checks first that split.txt is what the split
// rule gives. Takes about 1-5 minutes of wall time on a shared 2-core
// machine, about 1 minute of CPU (dominated by 12 perceptron epochs and the
// near-duplicate check of the split; 60 s wall, 55 s user at load ~4).
//go:generate go run ./internal/gen
