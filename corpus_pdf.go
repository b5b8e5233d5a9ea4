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
)

// pdfTimeout bounds reading one PDF of the corpus directory.
const pdfTimeout = 2 * time.Minute

// addDirPDFs adds the .pdf papers of dir (sorted by name) to lib, their
// read with corpus.ParsePDF (pdftotext's page layout). Papers that cannot be read are returned as
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
	p, err := corpus.ParsePDF(ctx, filepath.Base(path), data)
	if err != nil {
		return err
	}
	return lib.Add(p)
}
