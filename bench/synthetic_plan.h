// The generated Internet the benchmarks bring up: `stubs` stub ASes with one host each, transit
// ASes and exchanges as layers/synthetic.h shapes them, with OSPF and iBGP inside every AS.
#pragma once

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/emulator.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "asemu/layers/synthetic.h"

inline asemu::plan::Plan syntheticPlan(int stubs) {
  asemu::Emulator emu;
  asemu::Base base;
  asemu::Ebgp ebgp;
  asemu::makeSyntheticInternet(base, ebgp, {.stubs = stubs, .hostsPerStub = 1});
  emu.addLayer(base);
  emu.addLayer(asemu::Routing());
  emu.addLayer(ebgp);
  emu.addLayer(asemu::Ospf());
  emu.addLayer(asemu::Ibgp());
  return emu.render("synthetic");
}
