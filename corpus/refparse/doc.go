// Package refparse labels the words of one reference string with its fields
// (author, title, container, volume, issue, pages, year, publisher, location,
// editor, edition, doi, url, note) using a linear-chain model (an averaged
// structured perceptron decoded with Viterbi) trained on labelled references
// from AnyStyle (BSD-2-Clause, Copyright 2011-2023 Sylvester Keil) and GROBID
// (annotated data CC-BY-4.0, GROBID contributors); see NOTICE.
//
// The weights are embedded (model.bin) and reproduced exactly by
// `go generate ./corpus/...`, which reads ../shared/refparse/train.jsonl.
package refparse
