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

/// The dispatch levels the kernels are written for (the same names as the C++ backend's):
/// `Avx2` is x86-64-v3 (AVX2 + BMI2; FMA is never used, see SPEC.md), `Avx512` is x86-64-v4
/// (AVX-512 F, BW, DQ, VL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SimdLevel {
    Baseline = 0,
    Avx2 = 1,
    Avx512 = 2,
    Neon = 3,
}

impl SimdLevel {
    pub fn name(self) -> &'static str {
        match self {
            SimdLevel::Baseline => "baseline",
            SimdLevel::Avx2 => "avx2",
            SimdLevel::Avx512 => "avx512",
            SimdLevel::Neon => "neon",
        }
    }
}

/// The best level this CPU supports (no cap).
pub fn simd_level_supported() -> SimdLevel {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx512f") && has!("avx512bw") && has!("avx512dq") && has!("avx512vl") {
            return SimdLevel::Avx512;
        }
        if has!("avx2") && has!("bmi2") {
            return SimdLevel::Avx2;
        }
    }
    #[cfg(target_arch = "aarch64")]
    {
        return SimdLevel::Neon;
    }
    #[allow(unreachable_code)]
    SimdLevel::Baseline
}

fn parse_cap() -> Result<Option<SimdLevel>, String> {
    match std::env::var("MULTICORE_SIMD") {
        Err(_) => Ok(None),
        Ok(v) if v.is_empty() => Ok(None),
        Ok(v) => match v.as_str() {
            "baseline" => Ok(Some(SimdLevel::Baseline)),
            "avx2" => Ok(Some(SimdLevel::Avx2)),
            "avx512" => Ok(Some(SimdLevel::Avx512)),
            "neon" => Ok(Some(SimdLevel::Neon)),
            _ => Err(format!("MULTICORE_SIMD='{v}' ignored (expected baseline, avx2, avx512 or neon)")),
        },
    }
}

/// The level the kernels dispatch to: the best the CPU supports, capped by the environment
/// variable `MULTICORE_SIMD` (`baseline`, `avx2`, `avx512`, `neon`; read once). The cap lets one
/// machine measure and test every lower level; a cap above the CPU's best gives the CPU's best.
pub fn simd_level() -> SimdLevel {
    static LEVEL: std::sync::OnceLock<SimdLevel> = std::sync::OnceLock::new();
    *LEVEL.get_or_init(|| {
        let best = simd_level_supported();
        match parse_cap() {
            Ok(Some(cap)) => {
                if best == SimdLevel::Neon {
                    if cap == SimdLevel::Baseline { SimdLevel::Baseline } else { best }
                } else if cap == SimdLevel::Neon {
                    best
                } else {
                    cap.min(best)
                }
            }
            _ => best,
        }
    })
}

/// Empty, or why `MULTICORE_SIMD` was ignored.
pub fn simd_level_cap_error() -> Option<String> {
    parse_cap().err()
}

/// The level's name (kept for callers of the old API).
pub fn dispatch_level() -> &'static str {
    simd_level().name()
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
                if $crate::simd::simd_level() >= $crate::simd::SimdLevel::Avx2
                    && $crate::simd::simd_level() != $crate::simd::SimdLevel::Neon
                {
                    // SAFETY: the CPU supports AVX2.
                    return unsafe { avx2($($a),*) };
                }
            }
            $generic($($a),*)
        }
    };
}
