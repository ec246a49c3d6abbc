// The file layer: atomic output files, checked writes, file identities, bounded reads.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "io/bounded_read.hpp"
#include "io/fd_writer.hpp"
#include "io/file_identity.hpp"
#include "io/output_file.hpp"
#include "test_files.hpp"

namespace io_test {
namespace {

using puzle::test_files::slurp;

namespace fs = std::filesystem;
using namespace puzle::io;

struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("puzle-io-" + std::to_string(getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDir() { fs::create_directories(dir); }
  ~TempDir() { fs::remove_all(dir); }
  std::string operator/(const std::string& n) const { return (dir / n).string(); }
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {})); }
};

TEST(OutputFile, NothingReachesTheTargetBeforeCommit) {
  TempDir t;
  std::ofstream(t / "f") << "old";
  {
    OutputFile f;
    ASSERT_TRUE(f.open(t / "f")) << f.error();
    f.stream() << "new";
    f.stream().flush();
    EXPECT_EQ(slurp(t / "f"), "old");
    EXPECT_EQ(t.entries(), 2u);  // the target and the temporary
    ASSERT_TRUE(f.commit()) << f.error();
  }
  EXPECT_EQ(slurp(t / "f"), "new");
  EXPECT_EQ(t.entries(), 1u);
}

TEST(OutputFile, WithoutCommitTheTemporaryGoesAndTheTargetStays) {
  TempDir t;
  std::ofstream(t / "f") << "old";
  {
    OutputFile f;
    ASSERT_TRUE(f.open(t / "f"));
    f.stream() << std::string(1 << 20, 'x');
  }
  EXPECT_EQ(slurp(t / "f"), "old");
  EXPECT_EQ(t.entries(), 1u);
}

TEST(OutputFile, FailuresAreReportedWithTheReason) {
  TempDir t;
  OutputFile f;
  EXPECT_FALSE(f.open(t / "no/such/folder/f"));
  EXPECT_NE(f.error().find("No such file or directory"), std::string::npos) << f.error();
  EXPECT_FALSE(f.open(t.dir.string()));
  EXPECT_NE(f.error().find("it is a folder"), std::string::npos) << f.error();
  // A device is written directly, never replaced.
  OutputFile full;
  ASSERT_TRUE(full.open("/dev/full"));
  full.stream() << "x";
  EXPECT_FALSE(full.commit());
  EXPECT_NE(full.error().find("No space left on device"), std::string::npos) << full.error();
  struct stat st {};
  ASSERT_EQ(::stat("/dev/full", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(FdWriter, KeepsTheFirstFailure) {
  const int fd = ::open("/dev/full", O_WRONLY);
  ASSERT_GE(fd, 0);
  FdWriter w(fd);
  std::ostream out(&w);
  out << std::string(100, 'x');
  EXPECT_FALSE(w.failed());  // still in the buffer
  EXPECT_FALSE(w.flush());
  EXPECT_EQ(w.error(), ENOSPC);
  out << "more";
  EXPECT_FALSE(w.flush());
  ::close(fd);
}

TEST(PathGuard, ComparesFilesNotStrings) {
  TempDir t;
  std::ofstream(t / "in") << "x";
  fs::create_symlink(t / "in", t / "link");
  PathGuard g;
  g.add_input(t / "in", "the input");
  EXPECT_NE(g.claim_output(t / "link", "-o"), "");
  EXPECT_NE(g.claim_output(t.dir.string() + "/./in", "-o"), "");
  EXPECT_EQ(g.claim_output(t / "out", "-o"), "");
  EXPECT_NE(g.claim_output(t.dir.string() + "/../" + t.dir.filename().string() + "/out", "--summary"), "");
  EXPECT_EQ(g.claim_output(t / "other", "--summary"), "");
  EXPECT_EQ(g.claim_output("/dev/null", "-o"), "");
  EXPECT_EQ(g.claim_output("/dev/null", "--summary"), "");  // a device may take several
}

TEST(BoundedRead, StopsAtTheLimit) {
  TempDir t;
  std::ofstream(t / "f") << std::string(1000, 'a');
  std::string out;
  EXPECT_TRUE(read_file(t / "f", 1000, true, out));
  EXPECT_EQ(out.size(), 1000u);
  const ReadResult r = read_file(t / "f", 999, true, out);
  EXPECT_EQ(r.failure, ReadFailure::TooLarge);
  EXPECT_EQ(out, "");
  // An endless device is cut at the limit, not read forever.
  EXPECT_EQ(read_file("/dev/zero", 1 << 16, false, out).failure, ReadFailure::TooLarge);
  EXPECT_EQ(read_file("/dev/zero", 1 << 16, true, out).failure, ReadFailure::NotRegular);
  EXPECT_EQ(read_file(t.dir.string(), 10, false, out).failure, ReadFailure::Folder);
  EXPECT_EQ(read_file(t / "none", 10, false, out).failure, ReadFailure::Missing);
  // A pipe without a writer is refused at once when only regular files are taken.
  ASSERT_EQ(::mkfifo((t / "fifo").c_str(), 0600), 0);
  EXPECT_EQ(read_file(t / "fifo", 10, true, out).failure, ReadFailure::NotRegular);
}

TEST(BoundedRead, LinesLongerThanTheLimitAreCutAndSkipped) {
  std::istringstream in("short\n" + std::string(50, 'x') + "\nlast");
  std::string line;
  bool cut = false;
  ASSERT_TRUE(read_line(in, 10, line, cut));
  EXPECT_EQ(line, "short");
  EXPECT_FALSE(cut);
  ASSERT_TRUE(read_line(in, 10, line, cut));
  EXPECT_EQ(line, std::string(10, 'x'));
  EXPECT_TRUE(cut);
  ASSERT_TRUE(read_line(in, 10, line, cut));
  EXPECT_EQ(line, "last");
  EXPECT_FALSE(cut);
  EXPECT_FALSE(read_line(in, 10, line, cut));
}

}  // namespace
}  // namespace io_test
