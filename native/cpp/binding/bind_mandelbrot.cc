// mandelbrot(out, width, height, maxIter, xMin, xMax, yMin, yMax, threads, control?) →
// Promise<void>
#include "../kernels/mandelbrot.h"
#include "addon.h"

namespace multicore::binding {

Napi::Value MulticoreAddon::Mandelbrot(const Napi::CallbackInfo& info) {
  auto out = uint32_array_arg(info, 0, "out");
  kernels::MandelbrotParams p;
  p.width = static_cast<std::uint32_t>(integer_arg(info, 1, "width", 0, kMaxInt32));
  p.height = static_cast<std::uint32_t>(integer_arg(info, 2, "height", 0, kMaxInt32));
  p.max_iter = static_cast<std::uint32_t>(integer_arg(info, 3, "maxIter", 1, kMaxInt32));
  p.x_min = finite_number_arg(info, 4, "xMin");
  p.x_max = finite_number_arg(info, 5, "xMax");
  p.y_min = finite_number_arg(info, 6, "yMin");
  p.y_max = finite_number_arg(info, 7, "yMax");
  const unsigned threads = threads_arg(info, 8);
  auto control = control_arg(info, 9);
  require_length(info.Env(), "out.length", "width*height",
                 static_cast<std::uint64_t>(p.width) * p.height, out.length);
  auto k = std::make_shared<kernels::Mandelbrot>(p, out.data);
  return StartAsync(info.Env(), k, threads, control, {out.value}, nullptr);
}

}  // namespace multicore::binding
