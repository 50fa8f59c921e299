use napi_derive::napi;

#[napi(object)]
pub struct Info {
    /// SIMD features detected at run time on this CPU.
    pub simd: Vec<String>,
    /// The dispatch level the kernels use (the CPU's best, capped by MULTICORE_SIMD).
    pub simd_level: String,
    /// Why MULTICORE_SIMD was ignored, if it was.
    pub simd_level_note: Option<String>,
    pub version: String,
    pub compiler: String,
    pub pool_threads: u32,
}

/// info() → { simd, simdLevel, simdLevelNote?, version, compiler, poolThreads }
#[napi(catch_unwind)]
pub fn info() -> Info {
    Info {
        simd: simd_features(),
        simd_level: multicore_kernels::simd::simd_level().name().to_string(),
        simd_level_note: multicore_kernels::simd::simd_level_cap_error(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        compiler: env!("MULTICORE_RUSTC_VERSION").to_string(),
        pool_threads: multicore_kernels::pool::pool_threads() as u32,
    }
}

/// The run-time features, plus wasm SIMD when the module was compiled with it (wasm has no
/// run-time detection: an engine without simd128 refuses to load such a module at all).
fn simd_features() -> Vec<String> {
    #[allow(unused_mut)]
    let mut v: Vec<String> = multicore_kernels::simd::detected_features().into_iter().map(String::from).collect();
    #[cfg(target_feature = "simd128")]
    v.push("simd128".into());
    v
}
