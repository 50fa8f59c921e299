//! Runtime SIMD dispatch. Kernels write a portable `#[inline(always)]` body with several
//! independent accumulators and branch-free inner loops; `multiversion!` compiles it once per
//! x86-64 level (baseline SSE2, AVX2, AVX-512) and runs the one `simd_level()` picks, so the
//! `MULTICORE_SIMD` cap applies (never `target-cpu=native`).
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
    static LEVEL: std::sync::OnceLock<SimdLevel> = std::sync::OnceLock::new();
    *LEVEL.get_or_init(detect_level)
}

/// The levels this CPU can run, lowest first (for tests and benchmarks; ignores the cap).
pub fn simd_levels_runnable() -> Vec<SimdLevel> {
    let best = simd_level_supported();
    [SimdLevel::Baseline, SimdLevel::Avx2, SimdLevel::Avx512, SimdLevel::Neon]
        .into_iter()
        .filter(|&l| match l {
            SimdLevel::Baseline => true,
            SimdLevel::Neon => best == SimdLevel::Neon,
            _ => best != SimdLevel::Neon && l <= best,
        })
        .collect()
}

fn detect_level() -> SimdLevel {
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
                    if cap == SimdLevel::Baseline {
                        SimdLevel::Baseline
                    } else {
                        best
                    }
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

/// `multiversion!(pub fn name(args) -> ret => generic_fn);` defines `name`, which runs the
/// `#[inline(always)]` function `generic_fn` compiled for the level [`simd_level()`] picks
/// (baseline, AVX2 or AVX-512 on x86-64; elsewhere the target's baseline, e.g. NEON on aarch64).
///
/// `multiversion!(pub fn name(args) -> ret => generic_fn; at name_at);` also defines
/// `name_at(level, args)`, which forces a level (tests, benchmarks); a level above what the CPU
/// supports runs the best one it does support.
#[macro_export]
macro_rules! multiversion {
    ($vis:vis fn $name:ident($($a:ident: $t:ty),* $(,)?) $(-> $r:ty)? => $generic:path) => {
        $vis fn $name($($a: $t),*) $(-> $r)? {
            $crate::multiversion!(@at fn at($($a: $t),*) $(-> $r)? => $generic);
            at($crate::simd::simd_level(), $($a),*)
        }
    };
    ($vis:vis fn $name:ident($($a:ident: $t:ty),* $(,)?) $(-> $r:ty)? => $generic:path; at $at:ident) => {
        $crate::multiversion!(@at $vis fn $at($($a: $t),*) $(-> $r)? => $generic);
        #[allow(dead_code)]
        $vis fn $name($($a: $t),*) $(-> $r)? {
            $at($crate::simd::simd_level(), $($a),*)
        }
    };
    (@at $vis:vis fn $at:ident($($a:ident: $t:ty),*) $(-> $r:ty)? => $generic:path) => {
        #[allow(dead_code)]
        $vis fn $at(level: $crate::simd::SimdLevel, $($a: $t),*) $(-> $r)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx,avx2,bmi1,bmi2,popcnt,sse3,ssse3,sse4.1,sse4.2")]
                unsafe fn avx2($($a: $t),*) $(-> $r)? { $generic($($a),*) }
                #[target_feature(enable = "avx,avx2,bmi1,bmi2,popcnt,sse3,ssse3,sse4.1,sse4.2,avx512f,avx512bw,avx512dq,avx512vl")]
                unsafe fn avx512($($a: $t),*) $(-> $r)? { $generic($($a),*) }
                use $crate::simd::SimdLevel;
                let level = level.min($crate::simd::simd_level_supported());
                if level == SimdLevel::Avx512 {
                    // SAFETY: the CPU supports every feature of the AVX-512 level.
                    return unsafe { avx512($($a),*) };
                }
                if level == SimdLevel::Avx2 {
                    // SAFETY: the CPU supports every feature of the AVX2 level.
                    return unsafe { avx2($($a),*) };
                }
            }
            let _ = level;
            $generic($($a),*)
        }
    };
}
