package extraction

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
)

// Files that Write adds to a run folder.
const (
	ExtractionFile = "extraction.json"
	PseudoFile     = "program.txt"
	PythonFile     = "program.py"
	GoFile         = "program.go"
)

// Write saves the extraction in a run folder: extraction.json, an "extraction" entry in
// report.json, and, when there is a program, program.txt (pseudo-code), program.py and
// program.go. Every file is written atomically. Files of an earlier extraction that this one
// has no program for are removed, so a folder never shows a stale program.
func Write(dir string, res *Result) error {
	if err := dt.WriteJSONAtomic(filepath.Join(dir, ExtractionFile), res); err != nil {
		return err
	}
	if err := mergeReport(filepath.Join(dir, dt.ReportFile), res); err != nil {
		return err
	}
	if res.Program == nil {
		for _, f := range []string{PseudoFile, PythonFile, GoFile} {
			if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		return nil
	}
	py, err := program.EmitPython(res.Program)
	if err != nil {
		return fmt.Errorf("emitting Python: %w", err)
	}
	gosrc, err := program.EmitGo(res.Program)
	if err != nil {
		return fmt.Errorf("emitting Go: %w", err)
	}
	for name, text := range map[string]string{PseudoFile: res.Code, PythonFile: py, GoFile: gosrc} {
		if err := dt.WriteFileAtomic(filepath.Join(dir, name), []byte(text)); err != nil {
			return err
		}
	}
	return nil
}

// mergeReport sets report.json's "extraction" entry, keeping everything else.
func mergeReport(path string, res *Result) error {
	report := map[string]any{}
	if err := dt.ReadJSON(path, &report); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	data, err := json.Marshal(res)
	if err != nil {
		return err
	}
	report["extraction"] = json.RawMessage(data)
	return dt.WriteJSONAtomic(path, report)
}

// Load reads back the extraction saved in a run folder by Write, with its program (parsed from
// program.txt; nil when the extraction produced none) and the program before the constant
// refit (Weights, parsed from extraction.json's assembled_program; nil when an older or failed
// extraction saved none, or when it does not parse: it only serves to read the constants the
// weights give, see physics/evaluation).
func Load(dir string) (*Result, error) {
	var res Result
	if err := dt.ReadJSON(filepath.Join(dir, ExtractionFile), &res); err != nil {
		return nil, err
	}
	if res.Assembled != "" {
		res.Weights, _ = program.Parse(res.Assembled)
	}
	src, err := os.ReadFile(filepath.Join(dir, PseudoFile))
	if errors.Is(err, os.ErrNotExist) {
		return &res, nil
	}
	if err != nil {
		return nil, err
	}
	if res.Program, err = program.Parse(string(src)); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, PseudoFile), err)
	}
	return &res, nil
}
