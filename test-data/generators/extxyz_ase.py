"""Writes the extended-XYZ test files in test-data/extxyz/ with ASE, and what ASE reads back.

Run from the repository root with Debian's python3-ase (ASE 3.22.1):

    /usr/bin/python3 test-data/generators/extxyz_ase.py

Outputs (seeded, so reruns give the same files):
  cu_al_emt.extxyz        three rattled frames of a triclinic Cu/Al cell with EMT energy and forces
                          (ASE writes a calculator's results: energy in the comment, forces as a column)
  mixed.extxyz            a non-periodic molecule with info values of every type, a frame with momenta,
                          a slab with pbc="T T F"
  mace_ref.extxyz         MACE/NequIP-style labels stored as REF_energy / REF_forces (no calculator)
  *.ase.txt               JSON: what ase.io.read(file, ':') returns for each file (the reader's reference)
  neighbours_ase.txt      JSON: ase.neighborlist.neighbor_list('ijS', ...) for frames and cutoffs
The reference files hold JSON but are not named *.json: the reference harness runs every *.json under
test-data as an e3nn reference file.
"""
import json
import os

import numpy as np
from ase import Atoms
from ase.build import bulk, fcc111, molecule
from ase.calculators.emt import EMT
from ase.io import read, write
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.neighborlist import neighbor_list

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extxyz")
rng = np.random.default_rng(20240513)


def cu_al_cell():
    atoms = bulk("Cu", "fcc", a=3.61, cubic=True).repeat((2, 1, 1))   # 8 atoms
    atoms.symbols[[1, 4, 6]] = "Al"
    strain = np.array([[1.0, 0.04, -0.03], [0.0, 0.97, 0.05], [0.0, 0.0, 1.02]])
    atoms.set_cell(atoms.cell.array @ strain, scale_atoms=True)     # triclinic
    return atoms


def with_emt(atoms):
    atoms.calc = EMT()
    atoms.get_potential_energy()
    atoms.get_forces()
    return atoms


def cu_al_frames():
    frames = []
    for k in range(3):
        atoms = cu_al_cell()
        atoms.rattle(stdev=0.05, seed=100 + k)
        atoms.info["config_type"] = "rattled"
        atoms.info["frame"] = k
        frames.append(with_emt(atoms))
    return frames


def mixed_frames():
    mol = molecule("CH3CH2OH")                       # pbc F F F, no cell
    mol.info.update({
        "name": 'ethanol "gas" phase',                 # spaces and quotes: escaped by the writer
        "is_training": True,
        "step": 42,
        "temperature": 300.5,
        "weights": np.array([1, 2, 3]),
        "dipole": np.array([0.1, -0.25, 3.0e-5]),
        "tag": "plain",
    })
    with_emt(mol)

    md = cu_al_cell()
    md.rattle(stdev=0.02, seed=7)
    MaxwellBoltzmannDistribution(md, temperature_K=600, rng=np.random.RandomState(3))
    with_emt(md)

    slab = fcc111("Al", size=(2, 2, 2), vacuum=4.0)   # pbc T T F
    slab.info.pop("adsorbate_info", None)             # a dict, which extended XYZ cannot hold
    slab.symbols[0] = "Cu"
    slab.rattle(stdev=0.03, seed=11)
    with_emt(slab)
    return [mol, md, slab]


def mace_ref_frames():
    frames = []
    for k, atoms in enumerate(cu_al_frames()[:2]):
        labelled = Atoms(atoms.get_chemical_symbols(), positions=atoms.positions, cell=atoms.cell, pbc=True)
        labelled.info["REF_energy"] = atoms.get_potential_energy()
        labelled.arrays["REF_forces"] = atoms.get_forces()
        labelled.info["config_type"] = "Default"
        frames.append(labelled)
    return frames


def plain(value):
    """numpy scalars and arrays as JSON-able Python values."""
    return value.tolist() if isinstance(value, (np.ndarray, np.generic)) else value


def as_read(atoms):
    """What ASE holds after reading a frame: the values the Java reader must reproduce."""
    d = {
        "symbols": atoms.get_chemical_symbols(),
        "numbers": atoms.numbers.tolist(),
        "positions": atoms.positions.ravel().tolist(),
        "pbc": atoms.pbc.tolist(),
        "cell": atoms.cell.array.ravel().tolist() if atoms.cell.rank == 3 else None,
        "info": {k: plain(v) for k, v in atoms.info.items()},
        "arrays": {k: v.ravel().tolist() for k, v in atoms.arrays.items() if k not in ("numbers", "positions")},
    }
    if atoms.calc is not None:
        results = atoms.calc.results
        if "energy" in results:
            d["energy"] = float(results["energy"])
        if "forces" in results:
            d["forces"] = results["forces"].ravel().tolist()
        if "stress" in results:
            d["stress"] = results["stress"].ravel().tolist()
    return d


def neighbour_case(name, frame, cutoff):
    i, j, S = neighbor_list("ijS", frame, cutoff)
    return {"frame": name, "cutoff": cutoff, "i": i.tolist(), "j": j.tolist(), "S": S.ravel().tolist()}


def main():
    files = {"cu_al_emt": cu_al_frames(), "mixed": mixed_frames(), "mace_ref": mace_ref_frames()}
    for name, frames in files.items():
        path = os.path.join(OUT, name + ".extxyz")
        write(path, frames, format="extxyz")
        back = read(path, index=":", format="extxyz")
        with open(os.path.join(OUT, name + ".ase.txt"), "w") as f:
            json.dump({"file": name + ".extxyz", "frames": [as_read(a) for a in back]}, f)
            f.write("\n")

    cu_al = read(os.path.join(OUT, "cu_al_emt.extxyz"), index=0)
    slab = read(os.path.join(OUT, "mixed.extxyz"), index=2)
    mol = read(os.path.join(OUT, "mixed.extxyz"), index=0)
    cases = [
        neighbour_case("cu_al_emt.extxyz:0", cu_al, 3.0),
        neighbour_case("cu_al_emt.extxyz:0", cu_al, 5.5),   # above the shortest cell height: several images
        neighbour_case("mixed.extxyz:2", slab, 6.0),         # pbc T T F
        neighbour_case("mixed.extxyz:0", mol, 2.0),          # not periodic
    ]
    with open(os.path.join(OUT, "neighbours_ase.txt"), "w") as f:
        json.dump({"source": "ase.neighborlist.neighbor_list('ijS', atoms, cutoff), ASE 3.22.1",
                   "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
