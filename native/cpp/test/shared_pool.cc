// Keeps the process-wide pool alive for the whole test binary, so that tests do not create and
// join a fresh pool on every call.
#include <gtest/gtest.h>

#include <memory>

#include "pool/pool.h"

namespace {

class SharedPool : public ::testing::Environment {
 public:
  void SetUp() override { pool_ = multicore::pool::Pool::shared(); }
  void TearDown() override { pool_.reset(); }

 private:
  std::shared_ptr<multicore::pool::Pool> pool_;
};

[[maybe_unused]] ::testing::Environment* const kSharedPool =
    ::testing::AddGlobalTestEnvironment(new SharedPool);

}  // namespace
