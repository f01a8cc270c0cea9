def log = new File(basedir, 'build.log').text
assert log.contains('lockstep: linted 2 files (postgresql): no findings')
assert log.contains('BUILD SUCCESS')
