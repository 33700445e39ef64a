# Installs the map's front-end packages with `npm ci` in WEB, unless node_modules is already
# newer than the lock file; so a second build directory does not reinstall them.
# Run as: cmake -DNPM=npm -DWEB=dir -P npm_ci.cmake
set(stamp ${WEB}/node_modules/.package-lock.json)
set(lock ${WEB}/package-lock.json)
if(EXISTS ${stamp} AND ${stamp} IS_NEWER_THAN ${lock})
  # Up to date; touched so that the build tool sees this step done.
  file(TOUCH_NOCREATE ${stamp})
  return()
endif()
execute_process(COMMAND ${NPM} ci --no-audit --no-fund --loglevel=error
                WORKING_DIRECTORY ${WEB} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci in ${WEB} failed (exit ${rc})")
endif()
file(TOUCH ${stamp})
