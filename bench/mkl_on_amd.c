/*
 * Lets the MKL inside DJL's libtorch use its AVX-512 and AVX2 kernels on x86 CPUs that are not Intel's.
 *
 * libtorch's CPU build links Intel's MKL for matrix products. MKL checks the CPU's vendor before it picks a code
 * path, and on AMD CPUs it takes a generic one (on the Zen 4 machine of BENCHMARKS.md, an AVX2 kernel although the
 * CPU has AVX-512). libtorch_cpu.so exports MKL's vendor check, so a library preloaded into the process answers it
 * instead; MKL then chooses its kernels by the CPU's instruction sets alone, as on an Intel CPU.
 *
 * Build:  gcc -O2 -shared -fPIC -o libmkl_on_amd.so bench/mkl_on_amd.c
 * Use:    LD_PRELOAD=/path/to/libmkl_on_amd.so java ...   (or ./delta4j ...)
 *
 * Products come out the same within float32 rounding (every fixture test passes with it preloaded); BENCHMARKS.md
 * gives the speed with and without it (variant djl-avx512 of bench/run.sh).
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
