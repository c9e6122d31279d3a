from ctip.cli import main

main()
