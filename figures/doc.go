// Package figures draws the figures and tables of the paper from saved runs (SVG and PNG, so
// they render offline and on code hosts), for `w2c figures` and for the notebooks.
package figures
