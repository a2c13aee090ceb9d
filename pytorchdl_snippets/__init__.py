"""Código reutilizável do curso PyTorchDL (deep learning com PyTorch, em português).

Cada módulo corresponde a um conceito ensinado nas páginas do site; as páginas importam daqui
apenas o que uma lição anterior já explicou.
"""

__version__ = "0.1.0"
