package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"paperbot/corpus"
	"paperbot/corpus/pdftext"
)

// pdfTimeout bounds reading one PDF of the corpus directory.
const pdfTimeout = 2 * time.Minute

// addDirPDFs adds the .pdf papers of dir (sorted by name) to lib, their
// text read with pdftotext. Papers that cannot be read are returned as
// problems, as corpus.LoadDir does for .txt files.
func addDirPDFs(dir string, lib *corpus.Library) []error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []error{fmt.Errorf("read corpus directory: %w", err)}
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var problems []error
	for _, name := range names {
		if err := addPDF(filepath.Join(dir, name), lib); err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
		}
	}
	return problems
}

func addPDF(path string, lib *corpus.Library) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
	defer cancel()
	text, err := pdftext.Extract(ctx, data)
	if err != nil {
		return err
	}
	base := filepath.Base(path)
	p, err := corpus.Parse(strings.TrimSuffix(base, filepath.Ext(base))+".txt", []byte(text))
	if err != nil {
		return err
	}
	p.Source = base
	return lib.Add(p)
}
