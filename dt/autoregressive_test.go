package dt

import (
	"fmt"
	"strings"
	"testing"
)

// TestLagPriorOrder checks the lags an autoregressive model's heads start leaning to: the outputs
// at offsets 1, 2, …, then the inputs.
func TestLagPriorOrder(t *testing.T) {
	ctx := NewContext()
	ParamAutoregressive.Set(ctx, true)
	ParamMaxOffset.Set(ctx, 2)
	m := &Model{Ctx: ctx, Inputs: []string{"Fx", "Fy"}, Outputs: []string{"px", "py"}}
	names := append(append([]string{}, m.Inputs...), SlotPos, SlotOne, "px", "py")
	var got []string
	for h := 0; h < 6; h++ {
		s, k := m.lag(h)
		got = append(got, fmt.Sprintf("%s[t-%d]", names[s], k))
	}
	want := "px[t-1] py[t-1] px[t-2] py[t-2] Fx[t-1] Fy[t-1]"
	if strings.Join(got, " ") != want {
		t.Errorf("lags %v, want %s", got, want)
	}
	if k, ok := m.IsFeedback(4); !ok || k == 0 && names[4] != "px" {
		t.Errorf("slot 4 should be the output px read back")
	}
}
