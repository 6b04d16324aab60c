package dt

// ForwardFLOPs estimates the floating-point operations of one forward pass on one sequence of
// length T, counting a multiply-add as 2: the slot selections (a product of the stream with each
// selection matrix), the heads' reads through their maps, the content pointers, the sub-MLPs and
// the readout. A training step is about three forward passes per sequence (the backward pass
// costs twice the forward), which is what the training benchmarks report.
func (m *Model) ForwardFLOPs(T int) float64 {
	ctx := m.Ctx
	S := m.FirstModuleSlot()
	content := 0
	for _, f := range familiesOf(ctx) {
		if !isLocation(f) {
			content++
		}
	}
	var perPos float64
	H, M, A, Hd, depth := ParamHeads.Get(ctx), ParamMLPs.Get(ctx), ParamArity.Get(ctx), ParamHidden.Get(ctx), ParamMLPDepth.Get(ctx)
	for range ParamLayers.Get(ctx) {
		if H > 0 {
			data := S - 2
			perPos += 2 * float64(S*H)                                                       // value selection
			perPos += 2 * float64(T*H)                                                       // read through the location map
			perPos += float64(content) * float64(data) * (4 + 2*float64(T*H) + 2*float64(H)) // pointer, read, mix
			S += H
		}
		if M > 0 {
			perPos += 2 * float64(S*M*A)                                            // input selection
			perPos += float64(M) * (2*float64(A) + 2*float64(A*Hd) + 2*float64(Hd)) // linear, hidden, out
			perPos += float64(M) * float64(depth-1) * 2 * float64(Hd*Hd)
			S += M
		}
	}
	perPos += 2 * float64(S*len(m.Outputs)) // readout
	return perPos * float64(T)
}
