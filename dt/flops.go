package dt

// ForwardFLOPs estimates the floating-point operations of one forward pass on one sequence of
// length T, counting a multiply-add as 2: the slot selections (a product of the stream with each
// selection matrix), the heads' reads through their maps, the content pointers, the sub-MLPs and
// the readout. A training step is about three forward passes per sequence (the backward pass
// costs twice the forward), which is what the training benchmarks report.
func (m *Model) ForwardFLOPs(T int) float64 {
	cfg := m.Cfg
	S := m.FirstModuleSlot()
	content := 0
	for _, f := range cfg.Families {
		if !isLocation(f) {
			content++
		}
	}
	var perPos float64
	for l := 0; l < cfg.Layers; l++ {
		H := cfg.Heads
		if H > 0 {
			data := S - 2
			perPos += 2 * float64(S*H)                                                       // value selection
			perPos += 2 * float64(T*H)                                                       // read through the location map
			perPos += float64(content) * float64(data) * (4 + 2*float64(T*H) + 2*float64(H)) // pointer, read, mix
			S += H
		}
		M, A, Hd := cfg.MLPs, cfg.Arity, cfg.Hidden
		if M > 0 {
			perPos += 2 * float64(S*M*A)                                            // input selection
			perPos += float64(M) * (2*float64(A) + 2*float64(A*Hd) + 2*float64(Hd)) // linear, hidden, out
			perPos += float64(M) * float64(cfg.MLPDepth-1) * 2 * float64(Hd*Hd)
			S += M
		}
	}
	perPos += 2 * float64(S*len(m.Outputs)) // readout
	return perPos * float64(T)
}
