package refparse

// Retrain the embedded weights (model.bin) from ../shared/refparse/train.jsonl.
// The result is byte-for-byte reproducible (fixed shuffle seed, sorted
// output, gzip without timestamps). It checks first that split.txt is what
// the split rule gives. Takes about 1.5-3 minutes on one core of a shared
// 2-core machine (dominated by 12 perceptron epochs and the near-duplicate
// check of the split).
//go:generate go run ./internal/gen
