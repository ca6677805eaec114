from bilateral.cli.main import main

main()
