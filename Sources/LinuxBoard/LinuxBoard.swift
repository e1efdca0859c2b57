// LinuxBoard
