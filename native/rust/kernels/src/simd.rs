//! Runtime SIMD dispatch. Kernels write a portable `#[inline(always)]` body with several
//! independent accumulators and branch-free inner loops; `multiversion!` compiles it a second
//! time with AVX2 enabled and picks the variant at run time (never `target-cpu=native`).
//! Rust never contracts `a * b + c` into an FMA, so both variants give identical bits.

/// Features detected on this CPU, for `info().simd`.
pub fn detected_features() -> Vec<&'static str> {
    #[allow(unused_mut)]
    let mut v = Vec::new();
    #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
    {
        macro_rules! probe {
            ($($f:tt),*) => { $( if std::arch::is_x86_feature_detected!($f) { v.push($f); } )* };
        }
        probe!("sse2", "sse4.1", "sse4.2", "avx", "avx2", "fma", "avx512f");
    }
    #[cfg(target_arch = "aarch64")]
    {
        if std::arch::is_aarch64_feature_detected!("neon") {
            v.push("neon");
        }
    }
    v
}

/// The variant chosen by `multiversion!` on this CPU.
pub fn dispatch_level() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            return "avx2";
        }
    }
    "baseline"
}

/// `multiversion!(pub fn name(args) -> ret => generic_fn);` defines `name`, which calls an
/// AVX2-compiled copy of the `#[inline(always)]` function `generic_fn` when the CPU has AVX2.
#[macro_export]
macro_rules! multiversion {
    ($vis:vis fn $name:ident($($a:ident: $t:ty),* $(,)?) $(-> $r:ty)? => $generic:path) => {
        $vis fn $name($($a: $t),*) $(-> $r)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2")]
                unsafe fn avx2($($a: $t),*) $(-> $r)? { $generic($($a),*) }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU supports AVX2.
                    return unsafe { avx2($($a),*) };
                }
            }
            $generic($($a),*)
        }
    };
}
