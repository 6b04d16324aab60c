package physics

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/discretetransformer/w2c/task"
)

// NoiseLevels are the observation noises of the noise study (relative to the positions'
// standard deviation, see Record): none, then 0.01%, 0.1% and 1% of the signal's spread.
var NoiseLevels = []float64{0, 1e-4, 1e-3, 1e-2}

// RecordedSequences is the number of sequences of a recorded task (NoiseTask): 120 to train on,
// 40 to select with, 40 sealed to certify.
const RecordedSequences = 200

// StreamRecord is the random stream of recorded data, apart from every stream of a run.
const StreamRecord uint64 = 0x7265636f7264 // "record"

// NoiseName is the name of a system's recorded task at a noise level, in the letters a task
// name may use ("m" for the exponent's minus): spring_noise_0, spring_noise_1em3 (1e-3).
func NoiseName(system string, noise float64) string {
	level := "0"
	if noise != 0 {
		mant, exp, _ := strings.Cut(strconv.FormatFloat(noise, 'e', -1, 64), "e")
		n, _ := strconv.Atoi(exp)
		level = strings.ReplaceAll(mant, ".", "p") + "e" + strings.ReplaceAll(strconv.Itoa(n), "-", "m")
	}
	return system + "_noise_" + level
}

// NoiseTask is the system observed as an experimenter would record it: RecordedSequences
// sequences of Record at the given noise (seed 1), as a task read from recordings (group
// "noise"): trained on some, selected on others, certified on sealed ones, against the recorded
// targets and with no reference function. With noise 0 it is the simulator's data, judged the
// same way.
func (s *System) NoiseTask(noise float64) (*task.Task, error) {
	xs, ys := s.Record(task.RNG(1, StreamRecord, 0), RecordedSequences, s.Length, noise)
	t, err := task.FromSequences(task.DataSpec{Name: NoiseName(s.Name, noise), Inputs: s.InputNames, Outputs: s.OutputNames, Integer: "false"}, xs, ys)
	if err != nil {
		return nil, fmt.Errorf("%s at noise %g: %w", s.Name, noise, err)
	}
	t.Group = "noise"
	t.Description = fmt.Sprintf("%s, recorded with observation noise %g of the positions' spread (%d sequences)", s.Description, noise, RecordedSequences)
	return t, nil
}

// NoiseTasks returns every system's recorded task at every noise level, system by system.
func NoiseTasks() []*task.Task {
	var tasks []*task.Task
	for _, s := range Systems() {
		for _, noise := range NoiseLevels {
			t, err := s.NoiseTask(noise)
			if err != nil {
				panic(err) // a programming error: the simulators' data is always valid
			}
			tasks = append(tasks, t)
		}
	}
	return tasks
}

// NoiseSystem returns the system and noise level of a recorded task's name, or nil.
func NoiseSystem(name string) (*System, float64) {
	for _, s := range Systems() {
		for _, noise := range NoiseLevels {
			if NoiseName(s.Name, noise) == name {
				return s, noise
			}
		}
	}
	return nil, 0
}
