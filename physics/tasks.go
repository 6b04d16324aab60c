package physics

import "github.com/discretetransformer/w2c/task"

// Systems returns all physical systems, in a stable order: the 1-D systems from the simplest law
// to the ones with external inputs and nonlinearity, then the 2-D ones, then the systems added
// later (nonlinear oscillators, a driven pendulum, coupled masses), so that earlier tables keep
// their order. Each call builds fresh values, so callers may modify them.
func Systems() []*System {
	return []*System{
		FreeFall(),
		Spring(),
		DampedSpring(),
		DrivenSpring(),
		SpringK(),
		Pendulum(),
		ProjectileDrag(),
		Magnetic(),
		Kepler(),
		Duffing(),
		DoubleWell(),
		VanDerPol(),
		DrivenPendulum(),
		CoupledSprings(),
	}
}

// Tasks returns the tasks of all physical systems (group "physics"), in the order of Systems.
func Tasks() []*task.Task {
	systems := Systems()
	tasks := make([]*task.Task, len(systems))
	for i, s := range systems {
		tasks[i] = s.Task()
	}
	return tasks
}

// Find returns the system with the given name, or nil when there is none.
func Find(name string) *System {
	for _, s := range Systems() {
		if s.Name == name {
			return s
		}
	}
	return nil
}
