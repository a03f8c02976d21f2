from boardmap.cli import main

main()
