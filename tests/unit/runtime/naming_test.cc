#include "asemu/runtime/naming.h"

#include <gtest/gtest.h>

namespace asemu::runtime {
namespace {

TEST(Naming, EmulationNames) {
  EXPECT_EQ(emulationNameProblem("ip-anycast"), "");
  EXPECT_EQ(emulationNameProblem("a_1"), "");
  EXPECT_EQ(emulationNameProblem(""), "an emulation name cannot be empty");
  EXPECT_EQ(emulationNameProblem("-x"), "emulation name '-x' starts with '-'");
  EXPECT_EQ(emulationNameProblem("a/b"),
            "emulation name 'a/b' contains '/' (allowed: letters, digits, '_', '-')");
  EXPECT_EQ(emulationNameProblem(std::string(33, 'a')),
            "emulation name '" + std::string(33, 'a') + "' is longer than 32 characters");
}

TEST(Naming, NamespacesCarryTheEmulationPrefix) {
  EXPECT_EQ(nodeNamespace("demo", "as180/router0"), "asemu-demo.as180.router0");
  EXPECT_EQ(nodeNamespace("demo", "ix/ix100"), "asemu-demo.ix.ix100");
  EXPECT_EQ(fabricNamespace("demo"), "asemu-demo.fabric");
  EXPECT_EQ(portName(61, 1), "p61i1");
  EXPECT_EQ(bridgeName(12), "br12");
}

}  // namespace
}  // namespace asemu::runtime
