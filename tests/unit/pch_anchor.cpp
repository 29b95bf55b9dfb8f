// Compiled with the tests' precompiled header so that the target owning it has one source that
// uses it: with catch_main.cpp alone (which must skip it), CMake 3.25 writes no cmake_pch.hxx and
// no rule for its .gch, and a fresh configure of the tree fails for every REUSE_FROM user.
