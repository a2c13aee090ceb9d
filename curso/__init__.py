"""O que o build, as ferramentas e os testes compartilham: a configuração do site, o registro dos
capítulos e o modelo de uma lição (a página lida uma vez). Nada aqui importa de ``hooks/``,
``ferramentas/`` ou ``tests/``: eles importam daqui."""
