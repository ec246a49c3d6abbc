// examples/embed/: the embedding example builds, evaluates the 947 municipalities with the
// shipped rules on a pool of threads, and gives the same answers on one thread and on four.
#include <string>

#include <gtest/gtest.h>

#include "cli_run.hpp"

namespace embed_example_test {
namespace {

using namespace puzle::testing_cli;

TEST(EmbedExample, ThePoolGivesTheSameAnswersAsOneThread) {
  const std::string run = "'" PUZLE_EMBED_PATH "' rules examples/municipis_catalunya.csv ";
  const CliRun one = shell(run + "1");
  const CliRun four = shell(run + "4");
  EXPECT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(four.status, 0) << four.err;
  EXPECT_EQ(one.out.rfind("947 municipalities evaluated\n", 0), 0u) << one.out;
  EXPECT_NE(one.out.find("\tajuntament."), std::string::npos) << "some element is in a first phase";
  EXPECT_EQ(four.out, one.out);
}

}  // namespace
}  // namespace embed_example_test
