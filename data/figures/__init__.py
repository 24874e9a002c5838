"""The figures: a pose's joint angles turned into a drawn body resting on its support, and the
moving picture of a step (a Lottie document the browser plays on its own).

``skeleton`` places the bones of one pose (forward kinematics, then grounding on the surfaces
it rests on, then its props); ``motion`` samples a step's figure over one cycle (a move there
and back, a hold's slow breath); ``lottie`` writes those samples as a Lottie animation;
``checks`` are the authoring rules the pose library must keep; ``studio`` picks the figure of
a moment of a lesson and keeps its documents. Imports ``data.content`` and ``data.player``.
"""
