// Package config reads PaperBot's settings from environment variables.
// Only package main uses it; every other package takes plain values.
package config
