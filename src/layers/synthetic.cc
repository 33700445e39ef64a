#include "asemu/layers/synthetic.h"

#include <algorithm>

namespace asemu {

int syntheticAses(const SyntheticInternet& shape) {
  // Stubs are about 7/8 of a generated Internet's ASes.
  return std::clamp(shape.stubs + shape.stubs / 7, kMinGeneratedAses, kMaxGeneratedAses);
}

void makeSyntheticInternet(Base& base, Ebgp& ebgp, const SyntheticInternet& shape) {
  int ases = syntheticAses(shape);
  generateInternet(base, ebgp,
                   {.ases = ases, .seed = shape.seed, .hostsPerStub = shape.hostsPerStub});
}

}  // namespace asemu
