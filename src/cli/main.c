/* The inmail executable: all of it is cli_main (libinmail-cli). */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
